package org.fail2ban4j.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.fail2ban4j.net.IpAddress;

/** Tickets and a jail for the action tests (the same as {@code make_action_golden.py} uses). */
final class TestTickets {

    static final String HOSTILE_USER = "$(touch f2b-pwned)`id`'\"; rm -rf x\nnext <ip>";
    static final List<String> MATCHES4 = List.of(
            "Dec 31 11:59:59 sshd[1]: Failed password for $(touch f2b-pwned) from 192.0.2.1 port 22",
            "Dec 31 11:59:59 sshd[1]: Invalid user `id` from 192.0.2.1 ; it's \"quoted\" & <b>bold</b>");

    private TestTickets() {
    }

    /** A ticket as a record. */
    record Ticket(IpAddress id, Number time, List<String> matches, int failures, OptionalLong banTime, int banCount,
            boolean restored, Map<String, Object> data) implements BanSubject {
    }

    /** {@code 192.0.2.1}: time 1700000000.5, ban time 600, 3 failures, hostile matches and user. */
    static Ticket ipv4() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", HOSTILE_USER);
        data.put("port", "22");
        return new Ticket(IpAddress.parse("192.0.2.1"), 1700000000.5, MATCHES4, 3, OptionalLong.of(600), 0, false,
                data);
    }

    /** {@code 2001:DB8::}: time 1700000100 (an int, as restored from a database), 5 failures, ban count 2. */
    static Ticket ipv6() {
        return new Ticket(IpAddress.parse("2001:DB8::"), 1700000100L, List.of(), 5, OptionalLong.empty(), 2, true,
                Map.of());
    }

    /** A ticket with the given id and user data. */
    static Ticket withUser(String ip, String user) {
        return new Ticket(IpAddress.parse(ip), 1700000000.0, List.of("line of " + user), 1, OptionalLong.empty(), 0,
                false, Map.of("user", user));
    }

    /** A jail without database, ban time 600. */
    static final class Jail implements JailContext {
        final String name;
        final AtomicInteger epoch = new AtomicInteger();
        final List<String> mergeRequests = new ArrayList<>();
        MergedBans merged;
        RuntimeException mergeError;

        Jail(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long banTime() {
            return 600;
        }

        @Override
        public Optional<MergedBans> mergedBans(IpAddress ip, boolean allJails) {
            mergeRequests.add(ip + (allJails ? " all" : " jail"));
            if (mergeError != null) {
                throw mergeError;
            }
            return Optional.ofNullable(merged);
        }

        @Override
        public int incrementBanEpoch() {
            return epoch.incrementAndGet();
        }
    }
}
