package org.fail2ban4j.compat;

import static org.fail2ban4j.compat.ServerHarness.append;
import static org.fail2ban4j.compat.ServerHarness.await;
import static org.fail2ban4j.compat.ServerHarness.awaitReady;
import static org.fail2ban4j.compat.ServerHarness.client;
import static org.fail2ban4j.compat.ServerHarness.count;
import static org.fail2ban4j.compat.ServerHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.compat.ServerHarness.Setup;
import org.junit.jupiter.api.Test;

/**
 * Log rotation seen by our running server, with each file backend ({@code polling}, {@code pyinotify} and
 * {@code auto}, three servers side by side). One jail per case, maxretry 3: two failures, the rotation, one more
 * failure, which must give exactly one ban (no line missed, none counted twice):
 * <ul>
 * <li>{@code rename}: {@code mv log log.1} and a new {@code log};</li>
 * <li>{@code copytrunc}: the file copied and truncated in place;</li>
 * <li>{@code vanish}: the file removed (the server notices it) and created again later;</li>
 * <li>{@code glob}: a {@code logpath} glob; as upstream (the client expands globs) a file matching it created after
 * the start is not watched until {@code reload}, which reads it from its head.</li>
 * </ul>
 * A last line from another address in every file, once found, shows that every earlier line has been read.
 */
class ServerLogRotationTest extends RealServerTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final List<String> BACKENDS = List.of("polling", "pyinotify", "auto");
    private static final List<String> JAILS = List.of("rename", "copytrunc", "vanish", "glob");
    private static final String IP = "192.0.2.77";
    private static final String SENTINEL = "198.51.100.1";

    private static Path logOf(Setup s, String jail) {
        return s.dir().resolve(jail.equals("glob") ? "glob-a.log" : jail + ".log");
    }

    private Setup configure(String backend) throws IOException {
        Setup s = h.setup(backend);
        StringBuilder jails = new StringBuilder("[DEFAULT]\nbackend = " + backend + "\nmaxretry = 3\nfindtime = 10m\n"
                + "bantime = 1h\nfilter = test\n");
        for (String j : JAILS) {
            String path = j.equals("glob") ? s.dir().resolve("glob-*.log").toString() : logOf(s, j).toString();
            jails.append('[').append(j).append("]\nenabled = true\nlogpath = ").append(path).append('\n')
                    .append("action = recfile[name=").append(j).append("]\n");
            append(logOf(s, j), "");
        }
        s.conf("jail.conf", jails.toString());
        s.conf("fail2ban.local", "[Definition]\nloglevel = DEBUG\n");
        return s;
    }

    private static long found(Setup s, String jail, String ip) {
        String needle = "[" + jail + "] Found " + ip + " ";
        return s.logText().lines().filter(l -> l.contains(needle)).count();
    }

    private static void awaitFound(List<Setup> servers, String jail, String ip, long n) throws InterruptedException {
        for (Setup s : servers) {
            await(() -> found(s, jail, ip) == n, STEP, () -> n + " failures of " + ip + " in " + jail + " of "
                    + s.dir().getFileName() + ":\n" + s.logTail());
        }
    }

    @Test
    void rotationsMissAndRepeatNoLine() throws Exception {
        List<Setup> all = new ArrayList<>();
        List<Process> servers = new ArrayList<>();
        for (String b : BACKENDS) {
            Setup s = configure(b);
            all.add(s);
            servers.add(h.startOurs(s));
        }
        for (int i = 0; i < all.size(); i++) {
            awaitReady(servers.get(i), all.get(i), JAILS.toArray(String[]::new));
        }
        for (Setup s : all) {
            for (String j : JAILS) {
                append(logOf(s, j), failure(IP, "before1") + failure(IP, "before2"));
            }
        }
        for (String j : JAILS) {
            awaitFound(all, j, IP, 2);
        }

        for (Setup s : all) {
            Files.move(logOf(s, "rename"), s.dir().resolve("rename.log.1"));
            Files.copy(logOf(s, "copytrunc"), s.dir().resolve("copytrunc.log.1"));
            try (FileChannel c = FileChannel.open(logOf(s, "copytrunc"), StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            Files.delete(logOf(s, "vanish"));
        }
        for (Setup s : all) {
            Path vanished = logOf(s, "vanish");
            await(() -> s.logText().lines().anyMatch(l -> l.contains("absence") && l.contains(vanished.toString())),
                    STEP, () -> "the server notices that " + vanished + " is gone:\n" + s.logTail());
            append(logOf(s, "rename"), failure(IP, "after"));
            append(logOf(s, "copytrunc"), failure(IP, "after"));
            append(vanished, failure(IP, "after"));
            append(s.dir().resolve("glob-b.log"), failure(IP, "after"));
        }
        for (String j : List.of("rename", "copytrunc", "vanish")) {
            awaitFound(all, j, IP, 3);
        }
        for (Setup s : all) {
            for (String j : JAILS) {
                append(j.equals("glob") ? s.dir().resolve("glob-b.log") : logOf(s, j), failure(SENTINEL, "end"));
            }
        }
        for (String j : List.of("rename", "copytrunc", "vanish")) {
            awaitFound(all, j, SENTINEL, 1);
        }
        for (Setup s : all) {
            assertEquals(0, found(s, "glob", SENTINEL), "glob-b.log is not watched before the reload");
            assertTrue(client(s, "-c", s.etc().toString(), "reload").endsWith("\nOK\n"));
        }
        awaitFound(all, "glob", SENTINEL, 1);
        for (Setup s : all) {
            for (String j : JAILS) {
                assertEquals(3, found(s, j, IP), j + " in " + s.dir().getFileName() + ":\n" + s.logTail());
                String ban = "[" + j + "] Ban " + IP;
                assertEquals(1, s.logText().lines().filter(l -> l.endsWith(ban)).count(), s.logTail());
            }
            assertEquals(JAILS.size(), count(s.actions(), "ban " + IP), s.logTail());
            assertTrue(client(s, "stop").contains("Shutdown successful"));
        }
        for (Process p : servers) {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }
}
