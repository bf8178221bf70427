package org.fail2ban4j.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Port of {@code fail2ban/server/ipdns.py:_NetworkInterfacesAddrs}: the addresses of this host's network
 * interfaces, which together with the addresses of the host's own names ({@link DnsResolver#selfAddresses()}) make
 * up what {@code ignoreself} ignores.
 *
 * <p>Reads {@link NetworkInterface} (all interfaces, up or down, as {@code getifaddrs} does); no DNS, no traffic.
 */
public final class SelfAddresses {

    private SelfAddresses() {
    }

    /**
     * The addresses of all local interfaces; empty if the platform cannot list them (upstream falls back the
     * same way).
     */
    public static IpAddressSet ofNetworkInterfaces() {
        List<IpAddress> ips = new ArrayList<>();
        try {
            var interfaces = NetworkInterface.getNetworkInterfaces();
            if (interfaces == null) {
                return IpAddressSet.EMPTY;
            }
            for (NetworkInterface ni : Collections.list(interfaces)) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    ips.add(IpAddress.ofBytes(a.getAddress()));
                }
            }
        } catch (SocketException | RuntimeException e) {
            IpDnsLog.LOG.debug("Listing the network interfaces failed: {}", e.toString());
            return IpAddressSet.EMPTY;
        }
        return IpAddressSet.of(ips);
    }
}
