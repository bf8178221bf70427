package org.fail2ban4j.logging;

/**
 * Upstream's logger names ({@code helpers.py:getLogger}: {@code "fail2ban." + module}), which admins' filters such as
 * {@code filter.d/recidive.conf} match:
 * {@code private static final Logger LOG = LoggerFactory.getLogger(F2bLoggers.ACTIONS);}.
 */
public final class F2bLoggers {
    /** The parent of all ({@code helpers.py}, {@code fail2bancmdline.py}, {@code fail2banregex.py}). */
    public static final String ROOT = "fail2ban";
    /** {@code server/action.py}. */
    public static final String ACTION = "fail2ban.action";
    /** A command action's own logger ({@code ActionBase._logSys}, named after its class). */
    public static final String COMMAND_ACTION = "fail2ban.CommandAction";
    /** {@code server/actions.py}: Ban, Unban, Restore Ban ({@code recidive} reads these). */
    public static final String ACTIONS = "fail2ban.actions";
    /** {@code server/asyncserver.py}. */
    public static final String ASYNCSERVER = "fail2ban.asyncserver";
    /** {@code server/banmanager.py}. */
    public static final String BANMANAGER = "fail2ban.banmanager";
    /** {@code server/database.py}. */
    public static final String DATABASE = "fail2ban.database";
    /** {@code server/datedetector.py}. */
    public static final String DATEDETECTOR = "fail2ban.datedetector";
    /** {@code server/datetemplate.py}. */
    public static final String DATETEMPLATE = "fail2ban.datetemplate";
    /** {@code server/failmanager.py}. */
    public static final String FAILMANAGER = "fail2ban.failmanager";
    /** {@code server/filter.py}: Found, Ignore, log rotation. */
    public static final String FILTER = "fail2ban.filter";
    /** {@code server/filterpoll.py}. */
    public static final String FILTERPOLL = "fail2ban.filterpoll";
    /** {@code server/filterpyinotify.py}. */
    public static final String FILTERPYINOTIFY = "fail2ban.filterpyinotify";
    /** {@code server/filtersystemd.py}. */
    public static final String FILTERSYSTEMD = "fail2ban.filtersystemd";
    /** {@code server/ipdns.py}. */
    public static final String IPDNS = "fail2ban.ipdns";
    /** {@code server/jail.py}. */
    public static final String JAIL = "fail2ban.jail";
    /** {@code server/observer.py}. */
    public static final String OBSERVER = "fail2ban.observer";
    /** {@code server/server.py}: start, stop, log target changes. */
    public static final String SERVER = "fail2ban.server";
    /** {@code server/ticket.py}. */
    public static final String TICKET = "fail2ban.ticket";
    /** {@code server/transmitter.py}. */
    public static final String TRANSMITTER = "fail2ban.transmitter";
    /** {@code server/utils.py}: command execution. */
    public static final String UTILS = "fail2ban.utils";
    /** {@code client/actionreader.py}. */
    public static final String ACTIONREADER = "fail2ban.actionreader";
    /** {@code client/beautifier.py}. */
    public static final String BEAUTIFIER = "fail2ban.beautifier";
    /** {@code client/configparserinc.py}. */
    public static final String CONFIGPARSERINC = "fail2ban.configparserinc";
    /** {@code client/configreader.py}. */
    public static final String CONFIGREADER = "fail2ban.configreader";
    /** {@code client/configurator.py}. */
    public static final String CONFIGURATOR = "fail2ban.configurator";
    /** {@code client/fail2banreader.py}. */
    public static final String FAIL2BANREADER = "fail2ban.fail2banreader";
    /** {@code client/filterreader.py}. */
    public static final String FILTERREADER = "fail2ban.filterreader";
    /** {@code client/jailreader.py}. */
    public static final String JAILREADER = "fail2ban.jailreader";
    /** {@code client/jailsreader.py}. */
    public static final String JAILSREADER = "fail2ban.jailsreader";

    private F2bLoggers() {
    }
}
