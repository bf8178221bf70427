package org.fail2ban4j.jail;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.fail2ban4j.action.ActionFactory;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.exec.CommandRunner;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.FileIpSets;
import org.fail2ban4j.source.LogSourceFactories;

/**
 * What every jail of a server shares: the clock and local zone, the log source backends, the date templates, the
 * name service, the {@code file:} ignore lists, the command runner (actions and {@code ignorecommand}), the
 * action factory, the random source of {@code bantime.rndtime}, the locale encoding ({@code logencoding = auto}),
 * the TXT lookup of {@code status <jail> cymru} and the longest time a worker thread blocks before it looks at its
 * state again (upstream's {@code sleeptime}).
 *
 * <p>Built once by the composition root; immutable.
 *
 * @param clock the clock of all jail logic (never read directly elsewhere)
 * @param zone the local zone (log texts, dates without zone)
 * @param sources the log source backends
 * @param dateTemplates the shared date templates
 * @param dns the name service (usedns, ignoreip names, ignoreself, {@code <ip-host>})
 * @param ignoreFiles the {@code ignoreip = file:...} lists
 * @param runner runs {@code ignorecommand}
 * @param actions makes the actions of {@code addaction}
 * @param random the random part of {@code bantime.rndtime}
 * @param localeEncoding the encoding {@code logencoding = auto} means
 * @param txt the DNS TXT lookup of the {@code cymru} status
 * @param sleepTime the longest blocking wait of the worker threads
 */
public record JailEnvironment(InstantSource clock, ZoneId zone, LogSourceFactories sources,
        DefaultDateTemplates dateTemplates, DnsResolver dns, FileIpSets ignoreFiles, CommandRunner runner,
        ActionFactory actions, RandomGenerator random, String localeEncoding, TxtLookup txt, Duration sleepTime) {

    /** Upstream's {@code Utils.DEFAULT_SLEEP_TIME} is 2 s; the blocking waits here wake on events, so 1 s is cheap. */
    public static final Duration DEFAULT_SLEEP_TIME = Duration.ofSeconds(1);

    /** Checks the components: no nulls, a positive sleep time. */
    public JailEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(dateTemplates, "dateTemplates");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(ignoreFiles, "ignoreFiles");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(localeEncoding, "localeEncoding");
        Objects.requireNonNull(txt, "txt");
        Objects.requireNonNull(sleepTime, "sleepTime");
        if (sleepTime.isNegative() || sleepTime.isZero()) {
            throw new IllegalArgumentException("sleep time must be positive: " + sleepTime);
        }
    }

    /**
     * An environment with the derived parts built from the given ones: date templates of the clock and zone,
     * {@code file:} lists and command actions on the same clock, name service and runner, the default random
     * generator, UTF-8 as locale encoding, no TXT lookup and {@link #DEFAULT_SLEEP_TIME}.
     *
     * @param clock the clock
     * @param zone the local zone
     * @param sources the backends
     * @param dns the name service
     * @param runner the command runner
     * @return the environment
     */
    public static JailEnvironment of(InstantSource clock, ZoneId zone, LogSourceFactories sources, DnsResolver dns,
            CommandRunner runner) {
        return new JailEnvironment(clock, zone, sources, new DefaultDateTemplates(clock, zone), dns,
                new FileIpSets(clock, dns), runner, new ActionFactory(runner, dns, clock), RandomGenerator.getDefault(),
                "UTF-8", TxtLookup.UNAVAILABLE, DEFAULT_SLEEP_TIME);
    }

    /** The same environment with another locale encoding. */
    public JailEnvironment withLocaleEncoding(String encoding) {
        return new JailEnvironment(clock, zone, sources, dateTemplates, dns, ignoreFiles, runner, actions, random,
                encoding, txt, sleepTime);
    }

    /** The same environment with another TXT lookup. */
    public JailEnvironment withTxtLookup(TxtLookup lookup) {
        return new JailEnvironment(clock, zone, sources, dateTemplates, dns, ignoreFiles, runner, actions, random,
                localeEncoding, lookup, sleepTime);
    }

    /** The same environment with another random source. */
    public JailEnvironment withRandom(RandomGenerator generator) {
        return new JailEnvironment(clock, zone, sources, dateTemplates, dns, ignoreFiles, runner, actions,
                generator, localeEncoding, txt, sleepTime);
    }

    /** The same environment with another sleep time. */
    public JailEnvironment withSleepTime(Duration time) {
        return new JailEnvironment(clock, zone, sources, dateTemplates, dns, ignoreFiles, runner, actions, random,
                localeEncoding, txt, time);
    }
}
