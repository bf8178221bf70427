package org.fail2ban4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyTuple;
import org.fail2ban4j.server.ControlSocketServer;

/**
 * Runs {@code fail2ban-client}'s everyday paths once ({@code status}, {@code status <jail>}, {@code ping},
 * {@code get}, a failing command, {@code -h}) against a stand-in server on a temporary socket, with a small
 * configuration directory, and prints nothing. It goes through {@code main}'s own path (minus the exit), so that
 * the classes of a real start are all recorded. {@code bin/launch} runs it once per build with
 * {@code -XX:DumpLoadedClassList} and dumps the listed classes in a class-data-sharing archive, which every later
 * client start maps instead of loading and verifying those classes again.
 */
public final class ClientWarmUp {
    private ClientWarmUp() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("fail2ban4j-warmup");
        try {
            run(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(0);
    }

    private static ControlReply answer(Object request) {
        List<?> c = request instanceof List ? (List<?>) request : List.of();
        String first = c.isEmpty() ? "" : String.valueOf(c.get(0));
        if (first.equals("ping")) {
            return ControlReply.ok("pong");
        }
        if (first.equals("status") && c.size() == 1) {
            return ControlReply.ok(List.of(PyTuple.of("Number of jail", 1L), PyTuple.of("Jail list", "sshd")));
        }
        if (first.equals("status") && "sshd".equals(c.get(1))) {
            return ControlReply.ok(List.of(
                    PyTuple.of("Filter", List.of(PyTuple.of("Currently failed", 0L), PyTuple.of("Total failed", 3L),
                            PyTuple.of("File list", List.of("/var/log/auth.log")))),
                    PyTuple.of("Actions", List.of(PyTuple.of("Currently banned", 1L), PyTuple.of("Total banned", 1L),
                            PyTuple.of("Banned IP list", List.of("192.0.2.1"))))));
        }
        if (first.equals("get") && c.size() == 3 && "sshd".equals(c.get(1))) {
            return ControlReply.ok(List.of("192.0.2.1"));
        }
        if (c.size() > 1 && !"sshd".equals(c.get(1))) {
            return ControlReply.failure(PyException.unknownJail(String.valueOf(c.get(1))));
        }
        return ControlReply.failure(PyException.exception("Invalid command"));
    }

    private static void run(Path dir) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path sock = dir.resolve("f2b.sock");
        Files.writeString(etc.resolve("fail2ban.conf"), "[INCLUDES]\nbefore =\nafter = fail2ban.local\n\n"
                + "[Definition]\nloglevel = INFO\nlogtarget = /var/log/fail2ban.log\nsyslogsocket = auto\n"
                + "socket = " + sock + "\npidfile = " + dir.resolve("f2b.pid") + "\n"
                + "dbfile = /var/lib/fail2ban/fail2ban.sqlite3\ndbpurgeage = 1d\n");
        Files.writeString(etc.resolve("fail2ban.local"), "[Definition]\n# nothing\n");
        ControlSocketServer server = new ControlSocketServer(sock, ClientWarmUp::answer);
        server.start(true);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try {
            String c = etc.toString();
            for (List<String> a : List.of(List.of("-c", c, "status"), List.of("-c", c, "status", "sshd"),
                    List.of("-c", c, "ping"), List.of("-c", c, "get", "sshd", "banip"),
                    List.of("-c", c, "get", "nosuch", "banip"), List.of("-c", c, "nosuch"),
                    List.of("-c", c, "-s", dir.resolve("none.sock").toString(), "status"), List.of("-h"))) {
                // main's own path, minus System.exit (standard input is not read without -i)
                Mains.run(new Fail2banClientMain.WithStdin(), a.toArray(new String[0]), none, none);
            }
        } finally {
            server.stop();
        }
    }
}
