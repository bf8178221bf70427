package org.fail2ban4j.jail;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.fail2ban4j.action.BanInfo;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.exec.CommandRunner;
import org.fail2ban4j.exec.ExecResult;
import org.fail2ban4j.exec.ShellCommand;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.ExpiringCache;
import org.fail2ban4j.net.IgnoreList;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.tags.DynamicCommand;
import org.fail2ban4j.tags.DynamicTagResolver;
import org.fail2ban4j.tags.OptionListParser;
import org.fail2ban4j.tags.OptionSpec;
import org.fail2ban4j.time.DurationParser;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/filter.py:Filter._inIgnoreIPList} with {@code ignoreCommand} and
 * {@code ignoreCache}: whether a failure id is ignored.
 *
 * <p>In upstream's order: the cache ({@code ignorecache = key="<ip>", max-count=100, max-time=5m}; the key
 * template is filled with the ticket's tags), then {@code ignoreself} and the {@code ignoreip} entries
 * ({@link IgnoreList}), then {@code ignorecommand}: the command is filled with the ticket's tags ({@code <ip>},
 * {@code <F-USER>} ..., values with shell characters as positional arguments) and run with a timeout of 60 s;
 * exit status 0 means ignore, 1 means do not, anything else is an error (not ignored). Every positive answer is
 * logged as {@code [<jail>] Ignore <ip> by <source>} (INFO, {@code fail2ban.filter}).
 *
 * <p>Thread-safe: the settings are volatile, the list and the cache are internally locked.
 */
final class IgnorePolicy {

    /** Upstream's {@code CommandAction.executeCmd} default timeout. */
    static final Long COMMAND_TIMEOUT = 60L;
    /** Exit statuses of {@code ignorecommand} that are no error: 0 ignore, 1 do not ignore. */
    static final Set<Integer> COMMAND_CODES = Set.of(0, 1);
    /** Upstream's {@code ignorecache} defaults. */
    static final int DEFAULT_MAX_COUNT = 100;
    static final long DEFAULT_MAX_TIME = 5 * 60;

    /**
     * The {@code ignorecache} setting as {@code get <jail> ignorecache} shows it.
     *
     * @param key the key template
     * @param maxCount the most entries
     * @param maxTime the seconds an entry lives ({@code Long} or {@code Double})
     */
    record CacheSpec(String key, int maxCount, Number maxTime) {
        CacheSpec {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(maxTime, "maxTime");
        }
    }

    private static final class Cache {
        final CacheSpec spec;
        final ExpiringCache<Object, Boolean> entries;

        Cache(CacheSpec spec, InstantSource clock) {
            this.spec = spec;
            double secs = spec.maxTime().doubleValue();
            this.entries = new ExpiringCache<>(spec.maxCount(), Duration.ofNanos((long) (secs * 1e9)), clock);
        }
    }

    private final String jailName;
    private final IgnoreList list;
    private final CommandRunner runner;
    private final DnsResolver dns;
    private final InstantSource clock;
    private final Function<FailTicket, BanInfo> infos;
    private final Logger log;
    private volatile String command = "";
    private volatile Cache cache;

    /**
     * A policy.
     *
     * @param jailName the jail, for messages
     * @param list the {@code ignoreip} entries and {@code ignoreself}
     * @param runner runs {@code ignorecommand}
     * @param dns for the {@code <fq-hostname>} and {@code <sh-hostname>} tags
     * @param clock the cache clock
     * @param infos the ban info of a ticket (the tag values)
     * @param log the {@code fail2ban.filter} logger
     */
    IgnorePolicy(String jailName, IgnoreList list, CommandRunner runner, DnsResolver dns, InstantSource clock,
            Function<FailTicket, BanInfo> infos, Logger log) {
        this.jailName = Objects.requireNonNull(jailName, "jailName");
        this.list = Objects.requireNonNull(list, "list");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.infos = Objects.requireNonNull(infos, "infos");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Upstream {@code ignoreCommand}: the command, {@code ""} when none. */
    String command() {
        return command;
    }

    /** Sets {@code ignorecommand}; empty text (or {@code null}) removes it. */
    void setCommand(String value) {
        command = value == null ? "" : value;
    }

    /** Upstream {@code ignoreCache} getter: the setting, empty when there is no cache. */
    Optional<CacheSpec> cacheSpec() {
        Cache c = cache;
        return c == null ? Optional.empty() : Optional.of(c.spec);
    }

    /**
     * Upstream {@code setIgnoreCache} ({@code set <jail> ignorecache key="<ip>", max-count=100, max-time=5m}):
     * the options as written inside {@code cache[...]}; empty text removes the cache.
     *
     * @throws IllegalArgumentException for a malformed option list, a missing {@code key}, or a count or time that
     *     is no positive number
     */
    void setCache(String options) {
        Objects.requireNonNull(options, "options");
        if (options.isBlank()) {
            cache = null;
            return;
        }
        OptionSpec spec = OptionListParser.extractOptions("cache[" + options + "]");
        Map<String, String> o = spec.options();
        if (o.isEmpty()) {
            cache = null;
            return;
        }
        String key = o.get("key");
        if (key == null) {
            throw new IllegalArgumentException("ignorecache needs a key option (e.g. key=\"<ip>\"): " + options);
        }
        int maxCount;
        try {
            maxCount = Integer.parseInt(o.getOrDefault("max-count", Integer.toString(DEFAULT_MAX_COUNT)).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ignorecache max-count is no integer: '" + o.get("max-count") + "'", e);
        }
        Number maxTime = o.containsKey("max-time") ? DurationParser.str2seconds(o.get("max-time"))
                : (Number) DEFAULT_MAX_TIME;
        if (maxCount < 1 || maxTime.doubleValue() <= 0) {
            throw new IllegalArgumentException("ignorecache max-count and max-time must be positive: " + options);
        }
        cache = new Cache(new CacheSpec(key, maxCount, maxTime), clock);
    }

    /**
     * Upstream {@code _inIgnoreIPList(ip, ticket)}.
     *
     * @param ip the failure id
     * @param ticket the failure (its tags fill the cache key and the command)
     * @param logIgnore whether to log an ignored id
     * @return whether the failure is ignored
     */
    boolean isIgnored(IpAddress ip, FailTicket ticket, boolean logIgnore) {
        Cache c = cache;
        BanInfo info = null;
        Object key = null;
        if (c != null) {
            info = infos.apply(ticket);
            key = fill(c.spec.key(), info);
            Optional<Boolean> v = c.entries.get(key);
            if (v.isPresent()) {
                return v.get();
            }
        }
        Optional<String> by = list.ignoredBy(ip);
        if (by.isPresent()) {
            logIgnore(ip, logIgnore, by.get());
            if (c != null) {
                c.entries.set(key, true);
            }
            return true;
        }
        String cmd = command;
        if (!cmd.isEmpty()) {
            if (info == null) {
                info = infos.apply(ticket);
            }
            DynamicCommand d = fill(cmd, info);
            ShellCommand sc = new ShellCommand(d.script(), d.args());
            log.debug("ignore command: {}", sc.logText());
            ExecResult r = runner.run(sc, COMMAND_TIMEOUT, COMMAND_CODES);
            boolean ignore = r.success() && r.returnCode().isPresent() && r.returnCode().getAsInt() == 0;
            logIgnore(ip, logIgnore && ignore, "command");
            if (c != null) {
                c.entries.set(key, ignore);
            }
            return ignore;
        }
        if (c != null) {
            c.entries.set(key, false);
        }
        return false;
    }

    private DynamicCommand fill(String template, BanInfo info) {
        return DynamicTagResolver.replaceDynamicTags(template, info::get, info.ticketData(), tag -> {
            if (tag.equals("fq-hostname")) {
                return dns.hostname(true);
            }
            if (tag.equals("sh-hostname")) {
                return dns.hostname(false);
            }
            return null;
        });
    }

    private void logIgnore(IpAddress ip, boolean logIt, String source) {
        if (logIt) {
            log.info(IgnoreList.IGNORE_MESSAGE, jailName, ip, source);
        }
    }
}
