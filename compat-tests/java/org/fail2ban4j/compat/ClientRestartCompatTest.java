package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fail2ban-client restart}, {@code restart [--unban] [--if-exists] <jail>}, {@code reload --restart} and
 * {@code reload --unban}: Python's client with Python's server and our client with our server print the same, exit
 * the same, log the same errors, and keep (or drop) the same bans: a full restart and a jail restart keep the bans
 * (restored from the database), {@code --unban} drops them. The interactive {@code restart} (which re-reads the
 * command line and prints its steps) is compared too.
 */
class ClientRestartCompatTest {

    private static Path tree(Path dir) throws Exception {
        return Oracle.bundledTree(dir);
    }

    private static List<String> args(Path dir, String... cmd) {
        List<String> a = new ArrayList<>(List.of("-c", dir.resolve("etc").toString(), "-s",
                dir.resolve("f2b.sock").toString(), "-p", dir.resolve("f2b.pid").toString()));
        a.addAll(List.of(cmd));
        return a;
    }

    /** The messages of the log lines, without time stamp and pid, with the directory replaced. */
    private static List<String> messages(String stderr, Path dir) {
        List<String> m = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            int at = line.indexOf("]: ");
            if (at >= 0) {
                m.add(line.substring(at + 3).replace(dir.toString(), "DIR"));
            }
        }
        return m;
    }

    @Test
    void restartsAndTheirBans(@TempDir Path tmp) throws Exception {
        Path py = Files.createDirectories(tmp.resolve("py"));
        Path ours = Files.createDirectories(tmp.resolve("ours"));
        tree(py);
        tree(ours);
        List<String[]> session = List.of(new String[] {"start"},
                new String[] {"set", "sshd", "banip", "203.0.113.1"},
                new String[] {"restart", "sshd"}, new String[] {"get", "sshd", "banip"},
                new String[] {"restart", "--unban", "sshd"}, new String[] {"get", "sshd", "banip"},
                new String[] {"set", "sshd", "banip", "203.0.113.2", "203.0.113.3"},
                new String[] {"restart"}, new String[] {"status"}, new String[] {"get", "sshd", "banip"},
                new String[] {"reload", "--restart", "--all"}, new String[] {"get", "sshd", "banip"},
                new String[] {"reload", "--restart"}, new String[] {"get", "sshd", "banip"},
                new String[] {"restart", "--if-exists", "sshd"}, new String[] {"get", "sshd", "banip"},
                new String[] {"reload", "--unban"}, new String[] {"get", "sshd", "banip"},
                new String[] {"restart", "nosuch"}, new String[] {"restart", "--if-exists", "nosuch"},
                new String[] {"restart", "a", "b"}, new String[] {"restart", "--unban", "--restart", "sshd"},
                new String[] {"stop"},
                new String[] {"restart", "sshd"}, new String[] {"restart"}, new String[] {"status"},
                new String[] {"stop"});
        try {
            for (String[] cmd : session) {
                String what = String.join(" ", cmd);
                Oracle.Run p = Oracle.python("fail2ban-client", args(py, cmd));
                Oracle.Run o = Oracle.ours(Fail2banClientMain::run, args(ours, cmd));
                // Python's server restores the bans of a (re)started jail in its action thread, after it answered
                // "Server ready" / "OK": wait (bounded) until both have settled
                for (int i = 0; i < 50 && what.equals("get sshd banip") && !p.stdout().equals(o.stdout()); i++) {
                    TimeUnit.MILLISECONDS.sleep(100);
                    p = Oracle.python("fail2ban-client", args(py, cmd));
                    o = Oracle.ours(Fail2banClientMain::run, args(ours, cmd));
                }
                assertEquals(p.stdout().replace(py.toString(), "DIR"), o.stdout().replace(ours.toString(), "DIR"),
                        what + "\npython stderr: " + p.stderr() + "\nour stderr: " + o.stderr());
                assertEquals(p.status(), o.status(), what + ": exit status; our stderr: " + o.stderr());
                assertEquals(messages(p.stderr(), py), messages(o.stderr(), ours), what + ": logged messages");
            }
        } finally {
            Oracle.python("fail2ban-client", args(py, "stop"));
            Oracle.ours(Fail2banClientMain::run, args(ours, "stop"));
        }
    }

    @Test
    void interactiveRestartReReadsTheCommandLineAndKeepsTheBans(@TempDir Path tmp) throws Exception {
        Path py = Files.createDirectories(tmp.resolve("py"));
        Path ours = Files.createDirectories(tmp.resolve("ours"));
        tree(py);
        tree(ours);
        String stdin = "set sshd banip 203.0.113.9\nrestart\nrestart sshd\nreload\nexit\n";
        try {
            Path in = Files.writeString(tmp.resolve("stdin"), stdin);
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/fail2ban-client"));
            cmd.addAll(args(py, "-i", "start"));
            Process p = new ProcessBuilder(cmd).redirectInput(in.toFile())
                    .redirectOutput(tmp.resolve("py.out").toFile()).redirectError(tmp.resolve("py.err").toFile())
                    .start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Python's client did not finish");
            String pyOut = Files.readString(tmp.resolve("py.out")).replace("Fail2Ban v1.0.2 ", "Fail2Ban v1.1.1 ");
            byte[] bytes = stdin.getBytes(StandardCharsets.UTF_8);
            Oracle.Run o = Oracle.ours((a, out, err) -> Fail2banClientMain.run(a, new ByteArrayInputStream(bytes),
                    out, err), args(ours, "-i", "start"));
            assertEquals(pyOut.replace(py.toString(), "DIR"), o.stdout().replace(ours.toString(), "DIR"),
                    "python stderr: " + Files.readString(tmp.resolve("py.err")) + "\nour stderr: " + o.stderr());
            assertEquals(p.exitValue(), o.status(), "exit status; our stderr: " + o.stderr());
            assertTrue(o.stdout().contains("  ## stop ... \nShutdown successful\n  ## load configuration ... \n"
                    + "  ## start ... \nServer ready\n"), o.stdout());
            // the ban outlived both restarts (Python restores it in the background: wait for it, bounded)
            assertEquals("203.0.113.9\n", Oracle.ours(Fail2banClientMain::run, args(ours, "get", "sshd", "banip"))
                    .stdout());
            String pyBans = "";
            for (int i = 0; i < 50 && !pyBans.equals("203.0.113.9\n"); i++) {
                TimeUnit.MILLISECONDS.sleep(i == 0 ? 0 : 100);
                pyBans = Oracle.python("fail2ban-client", args(py, "get", "sshd", "banip")).stdout();
            }
            assertEquals("203.0.113.9\n", pyBans);
        } finally {
            Oracle.python("fail2ban-client", args(py, "stop"));
            Oracle.ours(Fail2banClientMain::run, args(ours, "stop"));
        }
    }
}
