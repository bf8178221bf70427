package org.fail2ban4j.action;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.fail2ban4j.exec.CommandRunner;
import org.fail2ban4j.exec.ShellCommand;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.tags.DynamicCommand;
import org.fail2ban4j.tags.DynamicTagResolver;
import org.fail2ban4j.tags.TagResolver;
import org.fail2ban4j.tags.Words;
import org.fail2ban4j.time.DurationParser;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/action.py:CommandAction}: an action made of shell commands
 * ({@code action.d/*.conf}).
 *
 * <p><b>Properties.</b> The server sets {@code actionstart}, {@code actionstop}, {@code actioncheck},
 * {@code actionban}, {@code actionunban}, {@code actionflush}, {@code actionrepair}, {@code actionreban},
 * {@code actionprolong}, {@code actionreload}, {@code actionstart_on_demand}, {@code actionrepair_on_unban},
 * {@code norestored}, {@code timeout} (a duration, converted with {@code str2seconds}) and any other option
 * ({@code port}, {@code blocktype?family=inet6} ...) through {@link #setProperty}; {@code bantime} is ignored as
 * upstream does. All of them are {@code <tag>}s of the commands.
 *
 * <p><b>Commands.</b> A command such as {@code <actionban>} is first interpolated with the properties
 * ({@link TagResolver}: recursive, {@code tag?family=inet6} preferred for an IPv6 ticket, cached per family), then
 * filled once with the dynamic values of the ban ({@link BanInfo}, {@link DynamicTagResolver}): values with shell
 * characters ({@code <F-USER>}, {@code <matches>} ...) never enter the script text; they are passed as positional
 * arguments and referenced as {@code $f2bV_name}.
 *
 * <p><b>Families.</b> An action with {@code ?family=} properties starts on demand: the first ban of an IPv4
 * (IPv6) address runs {@code actionstart} with the {@code inet4} ({@code inet6}) values; stop, flush, reload and
 * check run for each started family, a command equal for two families only once. Without conditional
 * properties everything runs once (the empty family) at start.
 *
 * <p><b>Check and repair.</b> When a ban or unban command fails and {@code actioncheck} is set, the check runs; if
 * it fails, {@code actionrepair} runs (or the action is stopped and started again), the check runs again, and the
 * command is retried once. An unban does not repair unless {@code actionrepair_on_unban} is set.
 */
public class CommandAction implements Action {

    /** Upstream {@code CONDITIONAL_FAM_RE}. */
    private static final Pattern CONDITIONAL_FAM = Pattern.compile("^(\\w+)\\?(family)=(.*)$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final String CLASS_TEXT = "<class 'fail2ban.server.action.CommandAction'>";
    private static final Long DEFAULT_TIMEOUT = 60L;
    private static final List<String> COMMAND_PROPERTIES = List.of("actionstart", "actionban", "actionreban",
            "actionunban", "actioncheck", "actionrepair", "actionflush", "actionstop", "actionreload");

    private final String name;
    private final JailContext jail;
    private final CommandRunner runner;
    private final DnsResolver dns;
    private final InstantSource clock;
    private final Function<String, String> hostnames;
    private Logger log = ActionLog.COMMAND_ACTION;
    private Logger moduleLog = ActionLog.ACTION;

    /** The attributes (upstream {@code __dict__}), sorted as {@code dir()} lists them. */
    private final TreeMap<String, Object> attrs = new TreeMap<>();
    /** Upstream {@code _properties} as text; {@code null} until needed after a change. */
    private Map<String, String> properties;
    /** Upstream {@code __substCache}: substituted properties per conditional. */
    private final Map<String, Map<String, String>> substituted = new HashMap<>();
    /** Upstream {@code __substCache}: interpolated queries per (query, conditional). */
    private final Map<List<String>, String> replaced = new HashMap<>();
    /** Upstream {@code __substCache[('__eOpCmd', tag)]}: the last command executed per operation and family. */
    private final Map<String, LinkedHashMap<String, String>> executed = new HashMap<>();
    private Boolean hasCondSection;
    private List<String> families;
    private Boolean startOnDemand;
    /**
     * Upstream {@code __started}: family ({@code null} is Python's {@code None}) to flags: 1 started, 2 holds bans.
     */
    private final LinkedHashMap<String, Integer> started = new LinkedHashMap<>();
    private int banEpoch;

    /**
     * A command action with upstream's defaults: empty commands and a timeout of 60 seconds.
     *
     * @param name the action name in its jail
     * @param jail the jail, or {@code null} for an action outside a jail (start and stop commands then get no
     *     dynamic tags)
     * @param runner runs the commands
     * @param dns for {@code <ip-host>}, {@code <fq-hostname>}, {@code <sh-hostname>} and whether the
     *     {@code inet6} family starts
     * @param clock the time of start, stop and other operations ({@code <time>})
     */
    public CommandAction(String name, JailContext jail, CommandRunner runner, DnsResolver dns, InstantSource clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.jail = jail;
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hostnames = tag -> {
            if (tag.equals("fq-hostname")) {
                return dns.hostname(true);
            }
            if (tag.equals("sh-hostname")) {
                return dns.hostname(false);
            }
            return null;
        };
        resetParams();
        log.debug("Created {}", CLASS_TEXT);
    }

    /** Uses the given loggers instead of {@code fail2ban.CommandAction} and {@code fail2ban.action} (tests). */
    synchronized CommandAction withLoggers(Logger instanceLog, Logger actionModuleLog) {
        this.log = instanceLog;
        this.moduleLog = actionModuleLog;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ properties

    /**
     * Upstream {@code clearAllParams} (before a reload): resets the commands to empty and the timeout to 60;
     * other properties stay.
     */
    public synchronized void clearAllParams() {
        resetParams();
        invalidate();
    }

    private void resetParams() {
        attrs.put("timeout", DEFAULT_TIMEOUT);
        for (String p : COMMAND_PROPERTIES) {
            attrs.put(p, "");
        }
    }

    /**
     * Sets a property (upstream {@code setattr(action, key, value)} from {@code set <jail> action <act> <key>
     * <value>}). {@code timeout} is converted to seconds; {@code bantime} is ignored.
     *
     * @param key the property name
     * @param value a {@code String}, {@code Boolean} or number as the command stream carries it
     * @throws org.fail2ban4j.time.DurationException for a {@code timeout} that is no duration
     */
    public synchronized void setProperty(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Object v = value;
        if (!key.startsWith("_")) {
            if (key.equals("bantime")) {
                return;
            }
            if (key.equals("timeout")) {
                v = toSeconds(value);
            }
            invalidate();
            log.debug("  Set {} = {}", key, PyValues.repr(v));
        }
        attrs.put(key, v);
    }

    /**
     * Removes a property (upstream {@code delattr}).
     *
     * @param key the property name
     * @throws IllegalArgumentException if the action has no such property
     */
    public synchronized void unsetProperty(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith("_")) {
            invalidate();
            log.debug("  Unset {}", key);
        }
        if (!attrs.containsKey(key)) {
            throw new IllegalArgumentException("action '" + name + "' has no property '" + key + "'");
        }
        attrs.remove(key);
    }

    /**
     * A property value as set (upstream {@code getattr(action, key)}).
     *
     * @param key the property name
     * @return the value, empty if the action has no such property
     */
    public synchronized Optional<Object> property(String key) {
        return Optional.ofNullable(attrs.get(key));
    }

    /**
     * Upstream {@code _properties}: all public properties as the text the commands see, sorted by name. A
     * property set to {@code null} (Python's {@code None}) is left out: its tag stays as it is, as upstream's
     * substitution treats {@code None} as missing.
     *
     * @return an unmodifiable view
     */
    public synchronized Map<String, String> properties() {
        if (properties == null) {
            Map<String, String> p = new TreeMap<>();
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                if (!e.getKey().startsWith("_") && e.getValue() != null) {
                    p.put(e.getKey(), PyValues.str(e.getValue()));
                }
            }
            properties = Collections.unmodifiableMap(p);
        }
        return properties;
    }

    /** The timeout of each command in seconds ({@code Long} or {@code Double}). */
    public synchronized Number timeout() {
        Object t = attrs.get("timeout");
        return t instanceof Number n ? n : DEFAULT_TIMEOUT;
    }

    private static Number toSeconds(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Number n) {
            return n;
        }
        return DurationParser.str2seconds(String.valueOf(value));
    }

    private void invalidate() {
        properties = null;
        substituted.clear();
        replaced.clear();
        executed.clear();
        hasCondSection = null;
        families = null;
        startOnDemand = null;
    }

    private boolean attrTruthy(String key) {
        return PyValues.truthy(attrs.get(key));
    }

    /** Upstream {@code _hasCondSection}: whether some property has a {@code ?family=} condition. */
    synchronized boolean hasCondSection() {
        if (hasCondSection == null) {
            boolean v = false;
            for (String n : attrs.keySet()) {
                if (!n.startsWith("_") && CONDITIONAL_FAM.matcher(n).find()) {
                    v = true;
                    break;
                }
            }
            hasCondSection = v;
        }
        return hasCondSection;
    }

    /** Upstream {@code _families}: the families started together when not on demand. */
    synchronized List<String> families() {
        if (families == null || families.isEmpty()) {
            Object v = attrs.get("families");
            List<String> f;
            if (PyValues.truthy(v) && !(v instanceof List<?>)) {
                f = Words.splitwords(PyValues.str(v));
            } else if (hasCondSection()) {
                f = dns.isIpv6Allowed() ? List.of("inet4", "inet6") : List.of("inet4");
            } else {
                f = List.of("");
            }
            families = Collections.unmodifiableList(f);
        }
        return families;
    }

    /** Upstream {@code _startOnDemand}: {@code actionstart_on_demand} if set, else {@link #hasCondSection()}. */
    synchronized boolean startOnDemand() {
        if (startOnDemand == null) {
            Object v = attrs.get("actionstart_on_demand");
            startOnDemand = v != null ? PyValues.truthy(v) : hasCondSection();
        }
        return startOnDemand;
    }

    @Override
    public synchronized boolean prolongable() {
        Object v = attrs.get("actionprolong");
        return PyValues.truthy(v) && !PyValues.str(v).isBlank();
    }

    @Override
    public synchronized boolean norestored() {
        return attrTruthy("norestored");
    }

    @Override
    public synchronized boolean supportsFlush() {
        return attrTruthy("actionflush");
    }

    @Override
    public synchronized int banEpoch() {
        return banEpoch;
    }

    /**
     * Upstream {@code invalidateBanEpoch}: increments the ban epoch of the jail and of this action, so tickets
     * banned before are banned again.
     */
    public synchronized void invalidateBanEpoch() {
        banEpoch = jail != null ? jail.incrementBanEpoch() : banEpoch + 1;
    }

    /**
     * The started state per family, for status and tests: family ({@code null} for Python's {@code None}) to
     * flags (1 started, 2 has bans).
     *
     * @return a copy in start order
     */
    public synchronized Map<String, Integer> startedFamilies() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(started));
    }

    // ------------------------------------------------------------------ substitution

    private static String conditional(String family) {
        return family == null || family.isEmpty() ? "" : "family=" + family;
    }

    /** Upstream {@code replaceTag(query, self._properties, conditional, cache=self.__substCache)}. */
    private String replaceTag(String query, String conditional) {
        if (query.indexOf('<') < 0) {
            return query;
        }
        List<String> key = List.of(query, conditional);
        String v = replaced.get(key);
        if (v != null) {
            return v;
        }
        Map<String, String> subst = substituted.get(conditional);
        if (subst == null) {
            subst = TagResolver.substituteRecursiveTags(properties(), conditional, TagResolver.ESCAPED_TAGS, null);
            substituted.put(conditional, subst);
        }
        v = TagResolver.interpolate(query, subst, conditional, hostnames);
        replaced.put(key, v);
        return v;
    }

    /**
     * Upstream {@code _getOperation}: the command of an operation for a family, with the properties interpolated
     * and {@code <family>} filled in.
     *
     * @param tag for example {@code <actionstart>}
     * @param family the family, or {@code null}/empty for none
     * @return the command text
     * @throws IllegalArgumentException for self-referencing properties
     */
    public synchronized String operation(String tag, String family) {
        String cmd = replaceTag(tag, conditional(family));
        if (family == null || family.isEmpty() || cmd.indexOf('<') < 0) {
            return cmd;
        }
        return DynamicTagResolver.replaceDynamicTags(cmd, t -> t.equals("family") ? family : null, Map.of(),
                hostnames).script();
    }

    /**
     * The command a ban-time operation runs: {@link #operation}'s interpolation of the properties for the ban's
     * family, then the ban's dynamic values (upstream {@code replaceTag} + {@code replaceDynamicTags}).
     *
     * @param tag for example {@code <actionban>}
     * @param info the ban info
     * @return the script and its positional arguments
     * @throws IllegalArgumentException for self-referencing properties
     */
    public synchronized ShellCommand command(String tag, BanInfo info) {
        String realCmd = replaceTag(tag, conditional(info.family()));
        return dynamic(realCmd, info);
    }

    private ShellCommand dynamic(String cmd, BanInfo info) {
        DynamicCommand d = DynamicTagResolver.replaceDynamicTags(cmd, info::get, info.ticketData(), hostnames);
        return new ShellCommand(d.script(), d.args());
    }

    /** Upstream {@code CommandAction.executeCmd}. */
    private boolean executeCmd(ShellCommand cmd) {
        if (moduleLog.isTraceEnabled()) {
            moduleLog.trace(ActionLog.LEVEL9, "{}", cmd.logText());
        }
        if (cmd.isEmpty()) {
            moduleLog.debug("Nothing to do");
            return true;
        }
        return runner.run(cmd, timeout()).success();
    }

    // ------------------------------------------------------------------ executed operations per family

    private List<String> executedByOthers(String tag, String family) {
        LinkedHashMap<String, String> famd = executed.get(tag);
        if (famd == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : famd.entrySet()) {
            if (!Objects.equals(e.getKey(), family)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Upstream {@code _operationExecuted(tag, family, cmd)}: remembers, or with an empty command forgets. */
    private void operationExecuted(String tag, String family, String cmd) {
        if (cmd != null && !cmd.isEmpty()) {
            executed.computeIfAbsent(tag, k -> new LinkedHashMap<>()).put(family, cmd);
            return;
        }
        LinkedHashMap<String, String> famd = executed.get(tag);
        if (famd == null || !famd.containsKey(family)) {
            return;
        }
        String old = famd.remove(family);
        famd.values().removeIf(v -> Objects.equals(v, old));
    }

    private List<String> startedFamilies(Predicate<Integer> which) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : started.entrySet()) {
            if (which.test(e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Upstream {@code _executeOperation}. */
    private boolean executeOperation(String tag, String operation, List<String> familyList,
            BiConsumer<String, Boolean> afterExec) {
        boolean res = true;
        String err = "'Script error'";
        List<String> fams = familyList == null || familyList.isEmpty() ? startedFamilies(v -> v != 0) : familyList;
        for (String famoper : fams) {
            try {
                String cmd = operation(tag, famoper);
                boolean ret = true;
                if (!cmd.isEmpty() && !executedByOthers(tag, famoper).contains(cmd)) {
                    ShellCommand realCmd;
                    if (jail != null) {
                        Instant now = clock.instant();
                        BanInfo info = BanInfo.forOperation(jail, dns,
                                BanInfo.epochSeconds(now.getEpochSecond(), now.getNano()), famoper);
                        realCmd = dynamic(cmd, info);
                    } else {
                        realCmd = ShellCommand.of(cmd);
                    }
                    ret = executeCmd(realCmd);
                    res &= ret;
                }
                if (afterExec != null) {
                    afterExec.accept(famoper, ret);
                }
                operationExecuted(tag, famoper, ret ? cmd : null);
            } catch (IllegalArgumentException e) {
                res = false;
                err = "ValueError(" + PyValues.reprStr(String.valueOf(e.getMessage())) + ")";
            }
        }
        if (!res) {
            throw new ActionException("Error " + operation + " action " + jailRepr() + "/" + name + ": " + err);
        }
        return true;
    }

    private String jailRepr() {
        return jail == null ? "None" : "Jail(" + PyValues.reprStr(jail.name()) + ")";
    }

    // ------------------------------------------------------------------ operations

    /**
     * Runs {@code actionstart} for each family, unless the action starts on demand (at the first ban of a
     * family).
     *
     * @throws ActionException if a start command fails ({@code Error starting action Jail('j')/name: ...})
     */
    @Override
    public synchronized void start() {
        start(null, false);
    }

    /** Upstream {@code _start(family, forceStart)}; a {@code null} family means all of {@link #families()}. */
    private boolean start(String family, boolean forceStart) {
        if (startOnDemand()) {
            if (!forceStart) {
                return true;
            }
        } else if (!forceStart && PyValues.truthy(started.get(family))) {
            return true;
        }
        List<String> fams = family != null ? Collections.singletonList(family) : families();
        return executeOperation("<actionstart>", "starting", fams, (fam, ret) -> {
            if (ret) {
                operationExecuted("<actionstop>", fam, null);
                started.put(fam, 1);
            }
        });
    }

    /**
     * Runs {@code actionban} (starting the ticket's family first if the action starts on demand).
     *
     * @throws ActionException {@code Error banning <ip>} if the command fails even after check and repair
     */
    @Override
    public synchronized void ban(BanInfo info) {
        ban(info, "<actionban>");
    }

    private void ban(BanInfo info, String cmd) {
        String family = info.family();
        if (startOnDemand() && !PyValues.truthy(started.get(family))) {
            start(family, true);
        }
        if (!processCmd(cmd, info)) {
            throw new ActionException("Error banning " + info.get("ip"));
        }
        started.put(family, started.getOrDefault(family, 0) | 3);
    }

    /** Runs {@code actionreban} if set, else {@code actionban}. */
    @Override
    public synchronized void reban(BanInfo info) {
        ban(info, attrTruthy("actionreban") ? "<actionreban>" : "<actionban>");
    }

    /**
     * Runs {@code actionprolong}.
     *
     * @throws ActionException {@code Error prolonging <ip>}
     */
    @Override
    public synchronized void prolong(BanInfo info) {
        if (!processCmd("<actionprolong>", info)) {
            throw new ActionException("Error prolonging " + info.get("ip"));
        }
    }

    /**
     * Runs {@code actionunban} if the ticket's family holds bans.
     *
     * @throws ActionException {@code Error unbanning <ip>}
     */
    @Override
    public synchronized void unban(BanInfo info) {
        String family = info.family();
        if ((started.getOrDefault(family, 0) & 2) != 0) {
            if (!processCmd("<actionunban>", info)) {
                throw new ActionException("Error unbanning " + info.get("ip"));
            }
        }
    }

    /**
     * Runs {@code actionflush} for each family that holds bans.
     *
     * @return {@code true} (also when nothing holds bans)
     * @throws ActionException {@code Error flushing action ...}
     */
    @Override
    public synchronized boolean flush() {
        List<String> fams = startedFamilies(v -> (v & 3) == 3);
        if (fams.isEmpty()) {
            return true;
        }
        return executeOperation("<actionflush>", "flushing", fams, (fam, ret) -> {
            if (ret && PyValues.truthy(started.get(fam))) {
                started.put(fam, started.get(fam) & ~2);
            }
        });
    }

    /**
     * Runs {@code actionstop} for each started family.
     *
     * @throws ActionException {@code Error stopping action ...}
     */
    @Override
    public synchronized void stop() {
        stop(null);
    }

    /** Upstream {@code _stop(family)}; {@code null} stops all started families. */
    private boolean stop(String family) {
        List<String> fams;
        if (family == null) {
            fams = startedFamilies(v -> v != 0);
            if (fams.isEmpty()) {
                return true;
            }
            started.clear();
        } else {
            if (!started.containsKey(family)) {
                return true;
            }
            started.put(family, 0);
            fams = Collections.singletonList(family);
        }
        return executeOperation("<actionstop>", "stopping", fams, (fam, ret) -> {
            if (ret) {
                operationExecuted("<actionstart>", fam, null);
            }
        });
    }

    /**
     * Runs {@code actionreload} for each started family.
     *
     * @throws ActionException {@code Error reloading action ...}
     */
    @Override
    public synchronized void reload() {
        executeOperation("<actionreload>", "reloading", List.of(), null);
    }

    /**
     * Runs the check (and repair) for each started family, if {@code actioncheck} is set; a family whose
     * environment could not be restored counts as not started.
     */
    @Override
    public synchronized boolean consistencyCheck(BooleanSupplier beforeRepair) {
        boolean ret = true;
        if (attrTruthy("actioncheck")) {
            for (Map.Entry<String, Integer> e : new ArrayList<>(started.entrySet())) {
                String family = e.getKey();
                if (e.getValue() != 0 && invariantCheck(family, beforeRepair, true) == 0) {
                    started.put(family, 0);
                    operationExecuted("<actionstart>", family, null);
                    ret = false;
                }
            }
        }
        return ret;
    }

    /**
     * Upstream {@code _invariantCheck}: runs the check; if it fails, repairs (or restarts) and checks again.
     *
     * @return 1 sane (or restored), 0 not restored, -1 broken but {@code beforeRepair} declined the repair
     */
    private int invariantCheck(String family, BooleanSupplier beforeRepair, boolean forceStart) {
        if (!forceStart && family != null && !started.containsKey(family)) {
            return 1;
        }
        ShellCommand checkCmd = ShellCommand.of(operation("<actioncheck>", family));
        if (checkCmd.script().isEmpty() || executeCmd(checkCmd)) {
            return 1;
        }
        if (beforeRepair != null && !beforeRepair.getAsBoolean()) {
            return -1;
        }
        log.error("Invariant check failed. Trying to restore a sane environment");
        invalidateBanEpoch();
        String repairCmd = operation("<actionrepair>", family);
        if (!repairCmd.isEmpty()) {
            if (!executeCmd(ShellCommand.of(repairCmd))) {
                started.put(family, 0);
                log.error(ActionLog.CRITICAL, "Unable to restore environment");
                return 0;
            }
            started.put(family, 1);
        } else {
            try {
                stop(family);
            } catch (ActionException e) {
                // upstream bypasses an error of stop, as start and check decide
            }
            start(family, forceStart || !startOnDemand());
        }
        if (PyValues.truthy(started.get(family)) && !executeCmd(checkCmd)) {
            log.error(ActionLog.CRITICAL, "Unable to restore environment");
            return 0;
        }
        return 1;
    }

    /**
     * Upstream {@code _processCmd}: runs a ban-time command; if it fails and {@code actioncheck} is set, checks
     * and repairs, then tries once more.
     */
    private boolean processCmd(String cmd, BanInfo info) {
        String family = info.family();
        int repcnt = 0;
        while (true) {
            if (repcnt > 0 && attrTruthy("actioncheck")) {
                boolean unban = cmd.equals("<actionunban>");
                BooleanSupplier beforeRepair = () -> {
                    if (unban && !PyValues.truthy(attrs.get("actionrepair_on_unban"))) {
                        log.error("Invariant check failed. Unban is impossible.");
                        return false;
                    }
                    return true;
                };
                if (invariantCheck(family, beforeRepair, !unban) != 1) {
                    return false;
                }
            }
            ShellCommand realCmd = command(cmd, info);
            boolean ret = executeCmd(realCmd);
            repcnt++;
            if (ret || repcnt > 1) {
                return ret;
            }
        }
    }

    @Override
    public String toString() {
        return "CommandAction(" + PyValues.reprStr(name) + ")";
    }
}
