package org.fail2ban4j.jail;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.fail2ban4j.action.ActionFactory;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.net.FileIpSets;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.source.LogSourceFactories;
import org.fail2ban4j.testing.CapturingLogger;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.fail2ban4j.testing.MutableClock;
import org.fail2ban4j.testing.RecordingCommandRunner;
import org.fail2ban4j.testing.ScriptedLogSource;

/**
 * The collaborators of jail tests: upstream's test clock ({@code 1124013600}) in CET, a fake name service, a
 * recording command runner, a scripted log source, and capturing loggers under upstream's names.
 */
final class JailFixture {

    static final ZoneId ZONE = ZoneId.of("CET");
    static final String LOG = "/var/log/test.log";
    /** The failregex of the tests' log lines. */
    static final String FAILREGEX = "Failed password for <F-USER>\\S+</F-USER> from <HOST>";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final MutableClock clock = new MutableClock();
    final FakeDnsResolver dns = new FakeDnsResolver().hostnames("f2bhost", "f2bhost.example.test");
    final RecordingCommandRunner runner = new RecordingCommandRunner();
    final ScriptedLogSource source = new ScriptedLogSource();
    final CapturingLogger jailLog = new CapturingLogger("fail2ban.jail");
    final CapturingLogger filterLog = new CapturingLogger("fail2ban.filter");
    final CapturingLogger actionsLog = new CapturingLogger("fail2ban.actions");
    final CapturingLogger observerLog = new CapturingLogger("fail2ban.observer");
    final JailLog log = new JailLog(jailLog, filterLog, actionsLog, observerLog);
    TxtLookup txt = TxtLookup.UNAVAILABLE;
    /** The random part of rndtime: always the middle. */
    RandomGenerator random = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    JailFixture() {
        filterLog.debugEnabled(false);
        actionsLog.debugEnabled(false);
        jailLog.debugEnabled(false);
        observerLog.debugEnabled(false);
    }

    JailEnvironment environment(LogSourceFactories sources) {
        return new JailEnvironment(clock, ZONE, sources, new DefaultDateTemplates(clock, ZONE), dns,
                new FileIpSets(clock, dns), runner, new ActionFactory(runner, dns, clock), random, "UTF-8", txt,
                Duration.ofMillis(50));
    }

    /** A jail on the scripted source with the test failregex, following {@link #LOG}. */
    Jail jail(String name, Optional<BanStore> store) throws IOException {
        return jail(name, store, environment(source.factories()));
    }

    Jail jail(String name, Optional<BanStore> store, JailEnvironment env) throws IOException {
        store.ifPresent(db -> db.addJail(name));
        Jail j = new Jail(name, "polling", env, store, log);
        j.addFailRegex(FAILREGEX);
        j.addLogPath(LOG, false);
        return j;
    }

    /**
     * Adds a command action whose commands name themselves: {@code <name> start}, {@code <name> ban <ip>}...
     *
     * @return the action
     */
    static CommandAction dummyAction(Jail jail, String name) {
        jail.addAction(name);
        CommandAction a = (CommandAction) jail.action(name);
        a.setProperty("actionstart", name + " start");
        a.setProperty("actionstop", name + " stop");
        a.setProperty("actionban", name + " ban <ip> <bantime> <bancount> <restored>");
        a.setProperty("actionunban", name + " unban <ip>");
        return a;
    }

    /** A failure line dated now (local time of the test zone). */
    String failure(String ip) {
        return failure(ip, "root");
    }

    String failure(String ip, String user) {
        return DATE.format(LocalDateTime.ofInstant(clock.instant(), ZONE)) + " sshd[123]: Failed password for "
                + user + " from " + ip + " port 22 ssh2";
    }

    /** Appends failure lines of {@code ip} dated now to {@link #LOG}. */
    void fail(String ip, int times) {
        for (int i = 0; i < times; i++) {
            source.append(LOG, failure(ip));
        }
    }

    /** The scripts run so far, then forgets them. */
    List<String> takeScripts() {
        List<String> s = runner.scripts();
        runner.clear();
        return s;
    }

    /** The actions log lines at NOTICE or above, as {@code LEVEL message}. */
    List<String> notices() {
        return actionsLog.lines().stream().filter(l -> !l.startsWith("INFO ") && !l.startsWith("DEBUG ")
                && !l.startsWith("TRACE ")).collect(Collectors.toList());
    }

    /** Runs both workers until neither has anything to do (at most 20 rounds). */
    static void drive(Jail jail) {
        for (int i = 0; i < 20; i++) {
            int lines = jail.filterWorker().runOnce();
            int bans = jail.actionWorker().runOnce();
            if (lines == 0 && bans == 0 && !jail.actionWorker().hasQueued()) {
                return;
            }
        }
    }
}
