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
 * {@code fail2ban-client start} (background) started by {@code bin/fail2ban-client} runs the server through the
 * launcher that {@code bin/launch} names ({@code bin/fail2ban-server}), so the long-running server gets the
 * server's JVM settings and not the client's (a client JVM compiles with C1 only). Here the named launcher is a
 * script that records its arguments and starts the server on a JVM with a setting the client's JVM does not have.
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

    @Test
    void backgroundServerRunsThroughTheNamedLauncher(@TempDir Path tmp) throws Exception {
        Path etc = Oracle.bundledTree(tmp);
        Path launched = tmp.resolve("launched");
        Path launcher = tmp.resolve("fail2ban-server");
        String cp = System.getProperty("java.class.path");
        Files.writeString(launcher, "#!/bin/sh\necho \"$@\" >> '" + launched + "'\nexec '" + java()
                + "' -XX:+UseSerialGC -Xss16m -cp '" + cp + "' " + Fail2banServerMain.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Path pidFile = tmp.resolve("f2b.pid");
        List<String> client = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1",
                "-D" + Fail2banServerMain.SERVER_LAUNCHER + "=" + launcher, "-cp", cp,
                Fail2banClientMain.class.getName(), "-c", etc.toString(), "-s", tmp.resolve("f2b.sock").toString(),
                "-p", pidFile.toString()));
        try {
            List<String> start = new ArrayList<>(client);
            start.add("start");
            assertEquals("Server ready\n", run(start));
            List<String> lines = Files.readAllLines(launched);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("-b ") && lines.get(0).endsWith(" -f")
                    && lines.get(0).contains("-c " + etc), lines.get(0));
            String pid = Files.readString(pidFile).trim();
            String cmdline = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:+UseSerialGC -Xss16m"), cmdline);
            assertFalse(cmdline.contains("TieredStopAtLevel"), cmdline);
            List<String> status = new ArrayList<>(client);
            status.add("status");
            assertTrue(run(status).contains("Jail list:\tsshd"));
        } finally {
            List<String> stop = new ArrayList<>(client);
            stop.add("stop");
            run(stop);
        }
    }
}
