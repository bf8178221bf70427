package org.fail2ban4j.jail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.fail2ban4j.net.IpAddress;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/banmanager.py:BanManager.getBanListExtendedCymruInfo}: the AS number, country and
 * registry of each banned address from Team Cymru's DNS service ({@code <reversed ip>.origin.asn.cymru.com} TXT,
 * {@code origin6} for IPv6; records {@code "asn | net | country | rir | date"}).
 */
final class CymruLookup {

    private CymruLookup() {
    }

    /**
     * Looks the addresses up, in order; the first failing query (other than a missing name) ends the lookups.
     *
     * @param ips the banned addresses
     * @param txt the TXT lookup
     * @param log the {@code fail2ban.actions} logger for errors
     * @return the data
     */
    static JailStatus.Cymru lookup(List<IpAddress> ips, TxtLookup txt, Logger log) {
        List<String> asn = new ArrayList<>();
        List<String> country = new ArrayList<>();
        List<String> rir = new ArrayList<>();
        String error = null;
        for (IpAddress ip : ips) {
            String question = ip.getPTR(ip.isIPv4() ? "origin.asn.cymru.com" : "origin6.asn.cymru.com");
            try {
                List<String> answers = txt.txt(question);
                if (answers.isEmpty()) {
                    throw new IllegalStateException("No data retrieved");
                }
                TreeSet<String> asns = new TreeSet<>();
                TreeSet<String> countries = new TreeSet<>();
                TreeSet<String> rirs = new TreeSet<>();
                for (String rdata : answers) {
                    String[] f = rdata.split("\\|", -1);
                    if (f.length != 5) {
                        throw new IllegalStateException("unexpected Cymru record " + rdata);
                    }
                    asns.add(blank(strip(f[0])));
                    countries.add(blank(strip(f[2])));
                    rirs.add(blank(strip(f[3])));
                }
                asn.add(String.join(", ", asns));
                country.add(String.join(", ", countries));
                rir.add(String.join(", ", rirs));
            } catch (TxtLookup.NoSuchNameException e) {
                asn.add("nxdomain");
                country.add("nxdomain");
                rir.add("nxdomain");
            } catch (IOException e) {
                log.error("DNSException {} querying Cymru for {} TXT", e, question);
                error = e.toString();
                break;
            } catch (RuntimeException e) {
                log.error("Unhandled Exception {} querying Cymru for {} TXT", e, question);
                error = e.toString();
                break;
            }
        }
        return new JailStatus.Cymru(asn, country, rir, Optional.ofNullable(error));
    }

    /** Python's {@code strip("'\" ")}. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isStripped(s.charAt(b))) {
            b++;
        }
        while (e > b && isStripped(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean isStripped(char c) {
        return c == '\'' || c == '"' || c == ' ';
    }

    /** Upstream {@code handleBlankResult}: {@code unknown} for an empty value. */
    static String blank(String v) {
        return v.isEmpty() ? "unknown" : v;
    }
}
