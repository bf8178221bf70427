package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.fail2ban4j.cli.Fail2banServerMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fail2ban-client start} started by {@code bin/fail2ban-client} runs the server through the launcher that
 * {@code bin/launch} names ({@code bin/fail2ban-server}), so the long-running server gets the server's JVM settings
 * and not the client's (a client JVM compiles with C1 only): in the background as a new process, in the foreground
 * ({@code -f start}) by replacing the client's process, which keeps its pid as upstream's client that becomes the
 * server. Here the named launcher is a script that records its pid and arguments and starts the server on a JVM
 * with a setting the client's JVM does not have.
 */
class ClientStartsServerLauncherTest {

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Writes the recording launcher; returns the client's command line (without the command). */
    private static List<String> setUp(Path tmp) throws Exception {
        Path etc = Oracle.bundledTree(tmp);
        Path launched = tmp.resolve("launched");
        Path launcher = tmp.resolve("fail2ban-server");
        String cp = System.getProperty("java.class.path");
        Files.writeString(launcher, "#!/bin/sh\necho \"$$ $@\" >> '" + launched + "'\nexec '" + java()
                + "' -XX:+UseSerialGC -Xss16m -cp '" + cp + "' " + Fail2banServerMain.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Path pidFile = tmp.resolve("f2b.pid");
        List<String> client = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1",
                "-D" + Fail2banServerMain.SERVER_LAUNCHER + "=" + launcher, "-cp", cp,
                Fail2banClientMain.class.getName(), "-c", etc.toString(), "-s", tmp.resolve("f2b.sock").toString(),
                "-p", pidFile.toString()));
        return client;
    }

    private static List<String> with(List<String> client, String... cmd) {
        List<String> c = new ArrayList<>(client);
        c.addAll(List.of(cmd));
        return c;
    }

    @Test
    void backgroundServerRunsThroughTheNamedLauncher(@TempDir Path tmp) throws Exception {
        List<String> client = setUp(tmp);
        Path etc = tmp.resolve("etc");
        Path launched = tmp.resolve("launched");
        Path pidFile = tmp.resolve("f2b.pid");
        try {
            assertEquals("Server ready\n", run(with(client, "start")));
            List<String> lines = Files.readAllLines(launched);
            assertEquals(1, lines.size(), lines.toString());
            String pid = Files.readString(pidFile).trim();
            assertTrue(lines.get(0).startsWith(pid + " -b ") && lines.get(0).endsWith(" -f")
                    && lines.get(0).contains("-c " + etc), lines.get(0));
            String cmdline = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:+UseSerialGC -Xss16m"), cmdline);
            assertFalse(cmdline.contains("TieredStopAtLevel"), cmdline);
            assertTrue(run(with(client, "status")).contains("Jail list:\tsshd"));
        } finally {
            run(with(client, "stop"));
        }
    }

    @Test
    void foregroundServerReplacesTheClientProcess(@TempDir Path tmp) throws Exception {
        List<String> client = setUp(tmp);
        Path launched = tmp.resolve("launched");
        Path pidFile = tmp.resolve("f2b.pid");
        Process fg = new ProcessBuilder(with(client, "-f", "start")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("fg.out").toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!run(with(client, "status")).contains("Jail list:\tsshd")) {
                assertTrue(fg.isAlive() && System.nanoTime() < end, () -> "no server: " + read(tmp.resolve("fg.out")));
                Thread.sleep(100);
            }
            List<String> lines = Files.readAllLines(launched);
            assertEquals(1, lines.size(), lines.toString());
            // the client's own process runs the launcher (execv), with the server's arguments in the foreground
            assertTrue(lines.get(0).startsWith(fg.pid() + " -f -c "), lines.get(0));
            assertEquals(String.valueOf(fg.pid()), Files.readString(pidFile).trim());
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(fg.pid()), "cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:+UseSerialGC -Xss16m"), cmdline);
            assertFalse(cmdline.contains("TieredStopAtLevel"), cmdline);
            assertEquals("Shutdown successful\n", run(with(client, "stop")));
            assertTrue(fg.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, fg.exitValue(), read(tmp.resolve("fg.out")));
        } finally {
            fg.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
