package org.fail2ban4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.SqliteBanStore;
import org.fail2ban4j.protocol.ControlReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Server#run}: pid file, socket, the start callback, and the clean-up order of {@code stop}. */
@Tag("threads")
class ServerLifecycleTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ServerFixture f = new ServerFixture();

    @AfterEach
    void quit() {
        f.close();
    }

    private static void awaitUntil(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Test
    void runsUntilStopAndCleansUp() throws Exception {
        Path sock = dir.resolve("run/f2b.sock");
        Path pid = dir.resolve("run/f2b.pid");
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> f.server.run(sock, pid, false,
                () -> f.handler.handle(List.of("server-stream", ServerFixture.jailStream("test")))));
        awaitUntil(() -> f.server.jails().exists("test") && f.server.jails().get("test").isAlive(), "jail started");
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pid));
        assertTrue(f.server.isStarted());
        try (ControlSocketClient c = ControlSocketClient.connect(sock, LIMIT)) {
            assertEquals(ControlReply.ok("pong"), c.send(List.of("ping")));
            assertEquals(ControlReply.ok(1L), c.send(List.of("set", "test", "banip", "192.0.2.1")));
            assertEquals(ControlReply.ok(null), c.send(List.of("stop")));
        }
        run.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(f.server.isQuit());
        assertFalse(Files.exists(sock), "socket removed");
        assertFalse(Files.exists(pid), "pid file removed");
        List<String> scripts = f.scripts();
        assertEquals("echo stop test", scripts.get(scripts.size() - 1), scripts.toString());
        assertTrue(scripts.indexOf("echo unban 192.0.2.1") < scripts.indexOf("echo stop test"), scripts.toString());
    }

    @Test
    void liveSocketOfAnotherServerStopsTheStart() throws Exception {
        Path sock = dir.resolve("f2b.sock");
        ControlSocketServer other = new ControlSocketServer(sock, r -> ControlReply.ok("other"));
        other.start(false);
        try {
            ServerStartException e = assertThrows(ServerStartException.class,
                    () -> f.server.run(sock, dir.resolve("f2b.pid"), false, null));
            assertEquals("Server already running", e.getMessage());
            assertTrue(f.server.isQuit());
            assertFalse(Files.exists(dir.resolve("f2b.pid")));
            assertTrue(ControlSocketServer.isLive(sock), "the other server keeps its socket");
        } finally {
            other.stop();
        }
    }

    @Test
    void quitFromAnotherThreadEndsRun() throws IOException, Exception {
        Path sock = dir.resolve("f2b.sock");
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> f.server.run(sock, dir.resolve("p"), false,
                null));
        awaitUntil(f.server::isStarted, "socket up");
        f.server.quit();
        run.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertFalse(Files.exists(sock));
    }

    /**
     * A database of a server killed at t0 - 1 h: its jail banned 192.0.2.1 at t0 - 2 h (1 h, over while no server
     * ran) and 192.0.2.2 at t0 - 10 min (1 h, due).
     */
    private Path killedServersDatabase(ServerFixture g) {
        Path file = dir.resolve("f2b.sqlite3");
        try (SqliteBanStore db = SqliteBanStore.open(file.toString(), g.clock)) {
            db.addJail("test");
            Instant t0 = g.clock.instant();
            db.addBan("test", new FailTicket(IpAddress.parse("192.0.2.1"), t0.minusSeconds(7200)), BanTime.of(3600));
            db.addBan("test", new FailTicket(IpAddress.parse("192.0.2.2"), t0.minusSeconds(600)), BanTime.of(3600));
        }
        return file;
    }

    /** Starts a server with a database and jail {@code test}, waits for its restored ban, returns the scripts. */
    private List<String> restart(ServerFixture g, Path db, Path pid) throws Exception {
        Path sock = dir.resolve("f2b.sock");
        List<Object> stream = new ArrayList<>();
        stream.add(List.of("set", "dbfile", db.toString()));
        stream.addAll(ServerFixture.jailStream("test"));
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> g.server.run(sock, pid, false,
                () -> g.handler.handle(List.of("server-stream", stream))));
        awaitUntil(() -> g.scripts().contains("echo ban 192.0.2.2"), "restored ban");
        List<String> scripts = g.scripts();
        g.server.quit();
        run.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        return scripts;
    }

    @Test
    void pidFileOfADeadServerLiftsTheBansOverAtStart() throws Exception {
        try (ServerFixture g = new ServerFixture(false, true)) {
            Path db = killedServersDatabase(g);
            Process dead = new ProcessBuilder("true").start();
            dead.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
            Path pid = dir.resolve("f2b.pid");
            Files.writeString(pid, dead.pid() + "\n");
            Files.setLastModifiedTime(pid, FileTime.from(g.clock.instant().minusSeconds(86000)));
            assertEquals(List.of("echo start test", "echo unban 192.0.2.1", "echo ban 192.0.2.2"), restart(g, db, pid));
        }
    }

    @Test
    void noPidFileLeftLiftsNothing() throws Exception {
        try (ServerFixture g = new ServerFixture(false, true)) {
            Path db = killedServersDatabase(g);
            assertEquals(List.of("echo start test", "echo ban 192.0.2.2"), restart(g, db, dir.resolve("f2b.pid")));
        }
    }
}
