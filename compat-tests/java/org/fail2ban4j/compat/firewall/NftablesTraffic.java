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
 * Probes for the nftables tests, next to {@link Traffic}'s TCP/UDP listener: all probes of one call run at once
 * (a TCP connection rejected over IPv6 is refused only after the first SYN retransmission, a second later, so
 * probing one after the other would cost a second per port), and they also speak UDP-Lite and SCTP, for which
 * {@link #listenRare} starts an echo listener (UDP-Lite) and an acceptor (SCTP, where the kernel has it) on the
 * server host.
 */
final class NftablesTraffic implements AutoCloseable {
    private static final String SCRIPT = """
            import socket, select, sys, threading
            UDPLITE, SCTP = 136, 132
            def fam(a):
                return socket.AF_INET6 if ":" in a else socket.AF_INET
            def probe(spec, out):
                proto, host, port = spec.split(",")
                try:
                    if proto in ("tcp", "sctp"):
                        s = socket.socket(fam(host), socket.SOCK_STREAM, SCTP if proto == "sctp" else 0)
                        s.settimeout(1.5)
                        s.connect((host, int(port)))
                    else:
                        s = socket.socket(fam(host), socket.SOCK_DGRAM, UDPLITE if proto == "udplite" else 0)
                        s.settimeout(1.5)
                        s.connect((host, int(port)))
                        s.send(b"f2b4j")
                        if s.recv(2048) != b"f2b4j":
                            raise OSError("wrong echo")
                    s.close()
                    out[spec] = "open"
                except OSError as e:
                    out[spec] = "blocked " + type(e).__name__
            if sys.argv[1] == "listen":
                socks = []
                for port in map(int, sys.argv[3:]):
                    for a in sys.argv[2].split(","):
                        s = socket.socket(fam(a), socket.SOCK_DGRAM, UDPLITE)
                        s.bind((a, port))
                        socks.append(s)
                    try:
                        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM, SCTP)
                        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        s.bind(("::", port))
                        s.listen(16)
                        socks.append(s)
                    except OSError:
                        pass
                print("listening", flush=True)
                while True:
                    for s in select.select(socks, [], [])[0]:
                        if s.type == socket.SOCK_STREAM:
                            c, _ = s.accept()
                            c.close()
                        else:
                            data, peer = s.recvfrom(2048)
                            s.sendto(data, peer)
            else:
                out = {}
                threads = [threading.Thread(target=probe, args=(spec, out)) for spec in sys.argv[2:]]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                for spec in sys.argv[2:]:
                    print(spec, out[spec])
            """;

    private final Netns net;
    private final Path script;
    private Process listener;

    private NftablesTraffic(Netns net, Path script) {
        this.net = net;
        this.script = script;
    }

    /** The prober (TCP, UDP, UDP-Lite, SCTP), its script written into {@code dir}. */
    static NftablesTraffic probes(Netns net, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("nftprobe.py");
        Files.writeString(script, SCRIPT);
        return new NftablesTraffic(net, script);
    }

    /**
     * Starts the UDP-Lite echo listener (and the SCTP acceptor, where the kernel has SCTP) on the server host, on
     * both of its addresses and the given ports, and waits until it listens.
     */
    NftablesTraffic listenRare(int... ports) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-u", script.toString(), "listen",
                net.server().ipv4() + "," + net.server().ipv6()));
        for (int p : ports) {
            cmd.add(Integer.toString(p));
        }
        Path out = script.resolveSibling("rare.out");
        listener = net.spawn(net.server().ns(), out, cmd);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(out) && Files.readString(out).contains("listening"))) {
            if (!listener.isAlive() || System.nanoTime() > end) {
                close();
                fail("UDP-Lite/SCTP listener did not start: " + (Files.exists(out) ? Files.readString(out) : ""));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return this;
    }

    /** Whether this kernel has SCTP sockets (the sctp module), checked in the test's own namespace. */
    static boolean sctpInKernel() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import socket; socket.socket(socket.AF_INET, "
                    + "socket.SOCK_STREAM, 132).close()").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Probes of the given protocols to the server's address of a family on the given ports. */
    List<Traffic.Probe> probes(List<String> protocols, boolean v6, int... ports) {
        List<Traffic.Probe> l = new ArrayList<>();
        for (String proto : protocols) {
            for (int p : ports) {
                l.add(new Traffic.Probe(proto, net.server().address(v6), p));
            }
        }
        return l;
    }

    /** Tries every probe once, all at the same time, from a host; probe to open ({@code true}) or blocked. */
    Map<Traffic.Probe, Boolean> reach(Netns.Host from, List<Traffic.Probe> probes) throws IOException {
        Map<Traffic.Probe, Boolean> result = new LinkedHashMap<>();
        if (probes.isEmpty()) {
            return result;
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "probe"));
        for (Traffic.Probe p : probes) {
            cmd.add(spec(p));
        }
        Netns.Result r = net.exec(from.ns(), cmd.toArray(String[]::new));
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split(" ");
            for (Traffic.Probe p : probes) {
                if (spec(p).equals(f[0]) && f.length > 1) {
                    result.put(p, "open".equals(f[1]));
                }
            }
        }
        if (r.status() != 0 || result.size() != probes.size()) {
            fail("probe from " + from.ns() + " answered " + result.size() + " of " + probes.size() + ": "
                    + r.stdout() + r.stderr());
        }
        return result;
    }

    private static String spec(Traffic.Probe p) {
        return p.protocol() + "," + p.address() + "," + p.port();
    }

    @Override
    public void close() {
        if (listener != null && listener.isAlive()) {
            listener.destroyForcibly();
            try {
                listener.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
