package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network namespaces joined by veth pairs, made for one test and removed by {@link #close()} (deleting a namespace
 * also deletes its veth ends and every firewall rule, chain and set inside it). Addresses live only on those pairs
 * (10.77.x.y and fd77:x::y, private and unique-local ranges) and on the namespaces' own loopback: nothing a test
 * does reaches any other network.
 *
 * <p>Topologies:
 * <ul>
 * <li>{@link #lan()}: a {@code server} host with two links, one to an {@code attacker} host and one to an
 * {@code other} host (an innocent neighbour); both reach the server at its address on the attacker's link.</li>
 * <li>{@link #routed()}: a {@code router} host with three links, to the {@code attacker}, to the {@code other} host
 * and to a {@code server} behind it; the router forwards IPv4 and IPv6, the firewall under test runs on the router
 * with {@code chain_hook = forward}.</li>
 * </ul>
 */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** One host: its namespace and its addresses as the others reach it. */
    public record Host(String ns, String ipv4, String ipv6) {
        /** The host's address of the given family ({@code inet} or {@code inet6}). */
        public String address(boolean v6) {
            return v6 ? ipv6 : ipv4;
        }
    }

    private final List<String> namespaces = new ArrayList<>();
    private final String prefix;
    private Host attacker;
    private Host other;
    private Host server;
    private Host firewall;

    private Netns() {
        prefix = "f2b4j" + ProcessHandle.current().pid() % 100000 + "n" + SEQ.incrementAndGet();
    }

    /** Whether this machine lets us create namespaces (the tests run as root on Linux with iproute2). */
    public static boolean available() {
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            return false;
        }
        String name = "f2b4jprobe" + ProcessHandle.current().pid();
        try {
            Result r = run(List.of("ip", "netns", "add", name));
            run(List.of("ip", "netns", "del", name));
            return r.status() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Server, attacker and other host, the server linked to each of the two. */
    public static Netns lan() throws IOException {
        Netns n = new Netns();
        try {
            String srv = n.add("srv");
            String atk = n.add("atk");
            String oth = n.add("oth");
            n.link(atk, "10.77.1.1", "fd77:1::1", srv, "10.77.1.2", "fd77:1::2");
            n.link(oth, "10.77.2.1", "fd77:2::1", srv, "10.77.2.2", "fd77:2::2");
            // the other host reaches the server's address on the attacker's link through its own link
            n.must(oth, "ip", "route", "add", "10.77.1.0/24", "via", "10.77.2.2");
            n.must(oth, "ip", "-6", "route", "add", "fd77:1::/64", "via", "fd77:2::2");
            // each client reaches the server on the address of its own link
            n.attacker = new Host(atk, "10.77.1.1", "fd77:1::1");
            n.other = new Host(oth, "10.77.2.1", "fd77:2::1");
            n.server = new Host(srv, "10.77.1.2", "fd77:1::2");
            n.firewall = n.server;
            n.settle();
            return n;
        } catch (IOException | RuntimeException | Error e) {
            n.close();
            throw e;
        }
    }

    /** Attacker and other host in front of a forwarding router, the server behind it. */
    public static Netns routed() throws IOException {
        Netns n = new Netns();
        try {
            String rtr = n.add("rtr");
            String atk = n.add("atk");
            String oth = n.add("oth");
            String srv = n.add("srv");
            n.link(atk, "10.77.1.1", "fd77:1::1", rtr, "10.77.1.254", "fd77:1::fe");
            n.link(oth, "10.77.2.1", "fd77:2::1", rtr, "10.77.2.254", "fd77:2::fe");
            n.link(srv, "10.77.3.1", "fd77:3::1", rtr, "10.77.3.254", "fd77:3::fe");
            n.route(atk, "10.77.1.254", "fd77:1::fe");
            n.route(oth, "10.77.2.254", "fd77:2::fe");
            n.route(srv, "10.77.3.254", "fd77:3::fe");
            n.must(rtr, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            n.must(rtr, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
            n.attacker = new Host(atk, "10.77.1.1", "fd77:1::1");
            n.other = new Host(oth, "10.77.2.1", "fd77:2::1");
            n.server = new Host(srv, "10.77.3.1", "fd77:3::1");
            n.firewall = new Host(rtr, "10.77.1.254", "fd77:1::fe");
            n.settle();
            return n;
        } catch (IOException | RuntimeException | Error e) {
            n.close();
            throw e;
        }
    }

    public Host attacker() {
        return attacker;
    }

    public Host other() {
        return other;
    }

    /** The host that runs the services the attacker wants to reach. */
    public Host server() {
        return server;
    }

    /** The host whose firewall fail2ban drives: the server on a LAN, the router when routed. */
    public Host firewall() {
        return firewall;
    }

    /**
     * Adds a second address of each family to a host, on the link of its first ones (same /24 and /64), and returns
     * the host as it is seen from them; {@link #preferSource(Host)} makes the host's connections leave from them.
     * For hosts with a default route ({@link #routed()}).
     */
    public Host addAddress(Host host, String ipv4, String ipv6) throws IOException {
        String dev = device(host);
        must(host.ns(), "ip", "addr", "add", ipv4 + "/24", "dev", dev);
        must(host.ns(), "ip", "-6", "addr", "add", ipv6 + "/64", "dev", dev, "nodad");
        return new Host(host.ns(), ipv4, ipv6);
    }

    /**
     * Makes the given addresses of a host (its first ones or those of {@link #addAddress}) the source of its default
     * routes.
     */
    public void preferSource(Host host) throws IOException {
        for (String fam : new String[] {"-4", "-6"}) {
            String[] f = must(host.ns(), "ip", fam, "route", "show", "default").trim().split("\\s+");
            if (f.length < 5 || !f[1].equals("via") || !f[3].equals("dev")) {
                fail("no default route " + fam + " in " + host.ns() + ": " + String.join(" ", f));
            }
            must(host.ns(), "ip", fam, "route", "change", "default", "via", f[2], "dev", f[4], "src",
                    host.address(fam.equals("-6")));
        }
    }

    /** The link device carrying a host's IPv4 address. */
    private String device(Host host) throws IOException {
        String[] f = must(host.ns(), "ip", "-o", "-4", "addr", "show", "to", host.ipv4() + "/32").trim()
                .split("\\s+");
        if (f.length < 2) {
            fail("no device with " + host.ipv4() + " in " + host.ns());
        }
        return f[1];
    }

    /**
     * Adds one more client host (a second attacker, say) on a link of its own to the firewall host: on a LAN it
     * reaches the server's address on the attacker's link through the server, behind a router it routes through
     * the router. The {@code n}-th added host (from 1) gets 10.77.(3+n).1 and fd77:(3+n)::1.
     */
    public Host addClient(String role) throws IOException {
        int net = 3 + (int) namespaces.stream().filter(ns -> ns.contains("cli")).count() + 1;
        String ns = add("cli" + role);
        String v4 = "10.77." + net + ".1";
        String v6 = "fd77:" + net + "::1";
        if (firewall == server) {
            link(ns, v4, v6, server.ns(), "10.77." + net + ".2", "fd77:" + net + "::2");
            must(ns, "ip", "route", "add", "10.77.1.0/24", "via", "10.77." + net + ".2");
            must(ns, "ip", "-6", "route", "add", "fd77:1::/64", "via", "fd77:" + net + "::2");
        } else {
            link(ns, v4, v6, firewall.ns(), "10.77." + net + ".254", "fd77:" + net + "::fe");
            route(ns, "10.77." + net + ".254", "fd77:" + net + "::fe");
        }
        settle();
        return new Host(ns, v4, v6);
    }

    private String add(String role) throws IOException {
        String ns = prefix + role;
        must(null, "ip", "netns", "add", ns);
        namespaces.add(ns);
        must(ns, "ip", "link", "set", "lo", "up");
        return ns;
    }

    private void link(String a, String a4, String a6, String b, String b4, String b6) throws IOException {
        String ia = "v" + Integer.toHexString((a + b).hashCode() & 0xfffffff);
        String ib = "w" + Integer.toHexString((a + b).hashCode() & 0xfffffff);
        must(null, "ip", "link", "add", ia, "netns", a, "type", "veth", "peer", "name", ib, "netns", b);
        for (String[] end : new String[][] {{a, ia, a4, a6}, {b, ib, b4, b6}}) {
            must(end[0], "ip", "addr", "add", end[2] + "/24", "dev", end[1]);
            must(end[0], "ip", "-6", "addr", "add", end[3] + "/64", "dev", end[1], "nodad");
            must(end[0], "ip", "link", "set", end[1], "up");
        }
    }

    private void route(String ns, String gw4, String gw6) throws IOException {
        must(ns, "ip", "route", "add", "default", "via", gw4);
        must(ns, "ip", "-6", "route", "add", "default", "via", gw6);
    }

    /** Waits until IPv6 addresses leave the tentative state (nodad makes that immediate; checked anyway). */
    private void settle() throws IOException {
        for (String ns : namespaces) {
            for (int i = 0; i < 100; i++) {
                Result r = exec(ns, "ip", "-6", "addr", "show", "tentative");
                if (r.stdout().isBlank()) {
                    break;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    /** Output and exit status of a command. */
    public record Result(int status, String stdout, String stderr) {
    }

    /** Runs a command in a namespace ({@code null}: the test's own). */
    public Result exec(String ns, String... command) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", ns));
        }
        cmd.addAll(List.of(command));
        return run(cmd);
    }

    /** Runs a command in a namespace and fails the test if it fails. */
    public String must(String ns, String... command) throws IOException {
        Result r = exec(ns, command);
        if (r.status() != 0) {
            fail("command failed (" + r.status() + ") in " + (ns == null ? "the test's namespace" : ns) + ": "
                    + String.join(" ", command) + "\n" + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    /** Starts a long-running command in a namespace, its output appended to a file. */
    public Process spawn(String ns, Path output, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }

    private static Result run(List<String> cmd) throws IOException {
        Path out = Files.createTempFile("netns", ".out");
        Path err = Files.createTempFile("netns", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("command did not finish within 60 s: " + cmd);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Deletes the namespaces (and with them the veth pairs, rules, chains and sets inside). */
    @Override
    public void close() throws IOException {
        for (String ns : namespaces) {
            run(List.of("ip", "netns", "del", ns));
        }
        namespaces.clear();
    }
}
