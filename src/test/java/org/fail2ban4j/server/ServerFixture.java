package org.fail2ban4j.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.fail2ban4j.Version;
import org.fail2ban4j.jail.JailEnvironment;
import org.fail2ban4j.jail.Jails;
import org.fail2ban4j.logging.Logging;
import org.fail2ban4j.net.CachingDnsResolver;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.persist.SqliteBanStore;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.fail2ban4j.testing.MutableClock;
import org.fail2ban4j.testing.RecordingCommandRunner;
import org.fail2ban4j.testing.ScriptedLogSource;

/**
 * A server on fakes: upstream's test clock in CET, a fake name service, a recording command runner, a scripted log
 * source (backend {@code polling}), a private log setup and SQLite databases in memory.
 */
final class ServerFixture implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("CET");
    static final String LOG = "/var/log/test.log";

    final MutableClock clock = new MutableClock();
    final FakeDnsResolver dns = new FakeDnsResolver().hostnames("f2bhost", "f2bhost.example.test");
    final RecordingCommandRunner runner = new RecordingCommandRunner();
    final ScriptedLogSource source = new ScriptedLogSource();
    final ByteArrayOutputStream logOut = new ByteArrayOutputStream();
    final List<String> opened = new ArrayList<>();
    int cacheClears;
    final Server server;
    final ControlCommandHandler handler;

    ServerFixture() {
        this(false);
    }

    /** With {@code cachingDns}, the jails see {@link #dns} through a {@link CachingDnsResolver} (as in production). */
    ServerFixture(boolean cachingDns) {
        this(cachingDns, false);
    }

    /**
     * With {@code cachingDns} as {@link #ServerFixture(boolean)}; with {@code fileDatabases}, {@code set dbfile}
     * opens the file named (else every database is in memory).
     */
    ServerFixture(boolean cachingDns, boolean fileDatabases) {
        DnsResolver jailDns = cachingDns ? new CachingDnsResolver(dns, clock) : dns;
        JailEnvironment env = JailEnvironment.of(clock, ZONE, source.factories(), jailDns, runner)
                .withSleepTime(Duration.ofMillis(20));
        PrintStream err = new PrintStream(logOut, true, StandardCharsets.UTF_8);
        Logging logging = Logging.builder(clock, ZONE, Version.FAIL2BAN_VERSION).stdout(logOut).stderr(err).build();
        server = new Server(new Jails(env), logging, file -> {
            opened.add(file);
            return SqliteBanStore.open(fileDatabases ? file : ":memory:", clock);
        }, clock, () -> cacheClears++);
        handler = server.handler();
    }

    /** Sends a command given as its wire elements. */
    ControlReply send(Object... command) {
        return handler.handle(List.of(command));
    }

    /** The value of a successful reply; fails the test otherwise. */
    Object ok(Object... command) {
        ControlReply r = send(command);
        if (!(r instanceof ControlReply.Ok ok)) {
            throw new AssertionError("command " + List.of(command) + " failed: " + r);
        }
        return ok.value();
    }

    /** The exception of a failed reply; fails the test otherwise. */
    PyException error(Object... command) {
        ControlReply r = send(command);
        if (!(r instanceof ControlReply.Failure f)) {
            throw new AssertionError("command " + List.of(command) + " did not fail: " + r);
        }
        return f.error();
    }

    /** The stream of a jail {@code name} on the scripted log with one action {@code rec}. */
    static List<Object> jailStream(String name) {
        return List.of(
                List.of("add", name, "polling"),
                List.of("set", name, "addlogpath", LOG, "head"),
                List.of("multi-set", name, "addfailregex", List.of("Failed password for \\S+ from <HOST>")),
                List.of("set", name, "maxretry", "3"),
                List.of("set", name, "findtime", "10m"),
                List.of("set", name, "bantime", "1h"),
                List.of("set", name, "addaction", "rec"),
                List.of("multi-set", name, "action", "rec", List.of(
                        List.of("actionstart", "echo start <name>"),
                        List.of("actionban", "echo ban <ip>"),
                        List.of("actionunban", "echo unban <ip>"),
                        List.of("actionstop", "echo stop <name>"),
                        List.of("name", name))),
                List.of("start", name));
    }

    List<String> scripts() {
        return runner.scripts();
    }

    @Override
    public void close() {
        server.quit();
    }
}
