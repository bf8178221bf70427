package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real traffic between the namespaces of a {@link Netns}: a listener on the server host that accepts TCP connections
 * and echoes UDP datagrams on a set of ports (IPv4 and IPv6), and a probe run in a client host that tries each
 * (protocol, address, port) once and reports whether it got through. Both are small Python 3 scripts (Python is
 * there anyway: it is the fail2ban oracle).
 */
public final class Traffic implements AutoCloseable {
    private static final String LISTENER = """
            import socket, select, sys
            socks = []
            # UDP sockets are bound to the addresses the clients send to, so that replies leave from them
            addrs = sys.argv[1].split(",")
            for port in map(int, sys.argv[2:]):
                s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("::", port))
                s.listen(64)
                socks.append(s)
                for a in addrs:
                    s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_DGRAM)
                    s.bind((a, port))
                    socks.append(s)
            print("listening", flush=True)
            while True:
                for s in select.select(socks, [], [])[0]:
                    if s.type == socket.SOCK_STREAM:
                        c, _ = s.accept()
                        c.close()
                    else:
                        data, peer = s.recvfrom(2048)
                        s.sendto(data, peer)
            """;

    private static final String PROBE = """
            import socket, sys
            timeout = float(sys.argv[1])
            for spec in sys.argv[2:]:
                proto, host, port = spec.split(",")
                fam = socket.AF_INET6 if ":" in host else socket.AF_INET
                try:
                    if proto == "tcp":
                        s = socket.socket(fam, socket.SOCK_STREAM)
                        s.settimeout(timeout)
                        s.connect((host, int(port)))
                    else:
                        s = socket.socket(fam, socket.SOCK_DGRAM)
                        s.settimeout(timeout)
                        s.connect((host, int(port)))
                        s.send(b"f2b4j")
                        if s.recv(2048) != b"f2b4j":
                            raise OSError("wrong echo")
                    s.close()
                    print(spec, "open", flush=True)
                except OSError as e:
                    print(spec, "blocked", type(e).__name__, flush=True)
            """;

    private final Netns net;
    private final Path dir;
    private final Process listener;

    private Traffic(Netns net, Path dir, Process listener) {
        this.net = net;
        this.dir = dir;
        this.listener = listener;
    }

    /** Starts the listener on the server host on the given ports and waits until it listens. */
    public static Traffic listen(Netns net, Path dir, int... ports) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("listener.py"), LISTENER);
        Files.writeString(dir.resolve("probe.py"), PROBE);
        List<String> cmd = new ArrayList<>(List.of("python3", "-u", dir.resolve("listener.py").toString(),
                net.server().ipv4() + "," + net.server().ipv6()));
        for (int p : ports) {
            cmd.add(Integer.toString(p));
        }
        Path out = dir.resolve("listener.out");
        Process p = net.spawn(net.server().ns(), out, cmd);
        Traffic t = new Traffic(net, dir, p);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(out) && Files.readString(out).contains("listening"))) {
            if (!p.isAlive() || System.nanoTime() > end) {
                t.close();
                fail("traffic listener did not start: " + (Files.exists(out) ? Files.readString(out) : ""));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return t;
    }

    /** One attempt to reach a port. */
    public record Probe(String protocol, String address, int port) {
        String spec() {
            return protocol + "," + address + "," + port;
        }

        @Override
        public String toString() {
            return protocol + " " + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /**
     * Tries every probe once from a host, returns probe to "open"/"blocked". A blocked TCP port answers with a reset
     * or an ICMP error (reject) or nothing (drop: then the timeout decides), so the timeout is short but safe on a
     * veth link.
     */
    public Map<Probe, Boolean> reach(Netns.Host from, List<Probe> probes) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", dir.resolve("probe.py").toString(), "1.5"));
        for (Probe p : probes) {
            cmd.add(p.spec());
        }
        Netns.Result r = net.exec(from.ns(), cmd.toArray(String[]::new));
        if (r.status() != 0) {
            fail("probe failed in " + from.ns() + ": " + r.stderr());
        }
        Map<Probe, Boolean> result = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split(" ");
            for (Probe p : probes) {
                if (p.spec().equals(f[0])) {
                    result.put(p, "open".equals(f[1]));
                }
            }
        }
        if (result.size() != probes.size()) {
            fail("probe answered " + result.size() + " of " + probes.size() + ": " + r.stdout() + r.stderr());
        }
        return result;
    }

    @Override
    public void close() {
        if (listener.isAlive()) {
            listener.destroyForcibly();
            try {
                listener.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
