package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fail2ban-client start | status | reload | reload <jail> | stop}: our client with our server prints what
 * Python's client with Python's server prints, and exits the same, on the bundled tree with one jail.
 */
class ClientStartCompatTest {

    private static Path tree(Path dir) throws Exception {
        return Oracle.bundledTree(dir);
    }

    private static List<String> args(Path dir, Path etc, String... cmd) {
        List<String> a = new ArrayList<>(List.of("-c", etc.toString(), "-s", dir.resolve("f2b.sock").toString(),
                "-p", dir.resolve("f2b.pid").toString()));
        a.addAll(List.of(cmd));
        return a;
    }

    @Test
    void startStatusReloadStop(@TempDir Path tmp) throws Exception {
        Path py = Files.createDirectories(tmp.resolve("py"));
        Path ours = Files.createDirectories(tmp.resolve("ours"));
        Path pyEtc = tree(py);
        Path ourEtc = tree(ours);
        List<String[]> session = List.of(new String[] {"start"}, new String[] {"status"},
                new String[] {"status", "sshd"}, new String[] {"reload"}, new String[] {"reload", "sshd"},
                new String[] {"reload", "--restart", "sshd"}, new String[] {"start"}, new String[] {"stop"},
                new String[] {"status"});
        try {
            for (String[] cmd : session) {
                Oracle.Run p = Oracle.python("fail2ban-client", args(py, pyEtc, cmd));
                Oracle.Run o = Oracle.ours(Fail2banClientMain::run, args(ours, ourEtc, cmd));
                String what = String.join(" ", cmd);
                assertEquals(p.stdout().replace(py.toString(), "DIR"), o.stdout().replace(ours.toString(), "DIR"),
                        what + "\npython stderr: " + p.stderr() + "\nour stderr: " + o.stderr());
                assertEquals(p.status(), o.status(), what + ": exit status; our stderr: " + o.stderr());
            }
        } finally {
            Oracle.python("fail2ban-client", args(py, pyEtc, "stop"));
            Oracle.ours(Fail2banClientMain::run, args(ours, ourEtc, "stop"));
        }
    }
}
