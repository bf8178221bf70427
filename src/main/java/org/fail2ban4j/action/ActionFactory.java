package org.fail2ban4j.action;

import java.time.InstantSource;
import java.util.Objects;
import org.fail2ban4j.exec.CommandRunner;
import org.fail2ban4j.net.DnsResolver;

/**
 * Port of the creating part of {@code fail2ban/server/actions.py:Actions.add}: makes the action of an
 * {@code addaction} command. Command actions only: a Python action ({@code action.d/*.py}, upstream's
 * {@code pythonModule}) cannot run here and is refused with an error naming it.
 */
public final class ActionFactory {

    private final CommandRunner runner;
    private final DnsResolver dns;
    private final InstantSource clock;

    /**
     * A factory for the actions of a server.
     *
     * @param runner runs the commands of all actions
     * @param dns name service for the host and address tags
     * @param clock time source of operations
     */
    public ActionFactory(CommandRunner runner, DnsResolver dns, InstantSource clock) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a command action.
     *
     * @param jail the jail the action belongs to
     * @param name the action name
     * @return a command action with empty commands
     */
    public CommandAction create(JailContext jail, String name) {
        return new CommandAction(name, jail, runner, dns, clock);
    }

    /**
     * Creates the action of {@code set <jail> addaction <name> [<pythonModule> [<initOpts>]]}.
     *
     * @param jail the jail the action belongs to
     * @param name the action name
     * @param pythonModule the Python file of the action, or {@code null} for a command action
     * @return a command action with empty commands
     * @throws ActionException if a Python module is given: fail2ban4j runs command actions only
     */
    public Action create(JailContext jail, String name, String pythonModule) {
        if (pythonModule != null) {
            throw new ActionException(pythonActionRefused(jail == null ? null : jail.name(), name, pythonModule));
        }
        return create(jail, name);
    }

    /**
     * The message refusing a Python action.
     *
     * @param jailName the jail, or {@code null}
     * @param name the action name
     * @param pythonModule the Python file
     * @return the message
     */
    public static String pythonActionRefused(String jailName, String name, String pythonModule) {
        return "Python action '" + name + "'" + (jailName == null ? "" : " of jail '" + jailName + "'") + " ("
                + pythonModule + ") cannot run: fail2ban4j runs only command actions (action.d/*.conf); "
                + "replace it by a command action or remove it from the jail";
    }
}
