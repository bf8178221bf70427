package org.fail2ban4j.jail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port of the data of {@code fail2ban/server/jail.py:Jail.status} with {@code Filter.status},
 * {@code FileFilter.status}, {@code FilterSystemd.status} and {@code Actions.status}: what {@code status <jail>}
 * shows in the flavors {@code basic}, {@code short}, {@code cymru} and {@code stats}.
 *
 * @param flavor the flavor asked for ({@code basic} also for an unsupported one)
 * @param backend the backend in use ({@code stats} shows it)
 * @param currentlyFailed the ids with counted failures
 * @param totalFailed the failures counted since start
 * @param fileList the followed files (file backends)
 * @param journalMatches the journal match groups (the {@code systemd} backend)
 * @param currentlyBanned the active bans
 * @param totalBanned the bans since start
 * @param bannedIps the banned ids in ban order (not in {@code short} and {@code stats})
 * @param cymru the Team Cymru data of the banned ids ({@code cymru} only)
 */
public record JailStatus(String flavor, String backend, int currentlyFailed, long totalFailed,
        Optional<List<String>> fileList, Optional<List<List<String>>> journalMatches, int currentlyBanned,
        long totalBanned, Optional<List<String>> bannedIps, Optional<Cymru> cymru) {

    /** The flavors upstream supports. */
    public static final List<String> FLAVORS = List.of("short", "basic", "stats", "cymru");

    /** Checks for nulls and copies the lists. */
    public JailStatus {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(backend, "backend");
        fileList = Objects.requireNonNull(fileList, "fileList").map(List::copyOf);
        journalMatches = Objects.requireNonNull(journalMatches, "journalMatches").map(List::copyOf);
        bannedIps = Objects.requireNonNull(bannedIps, "bannedIps").map(List::copyOf);
        Objects.requireNonNull(cymru, "cymru");
    }

    /**
     * Upstream's {@code getBanListExtendedCymruInfo}: one entry per banned address, in ban order (an entry joins
     * the sorted distinct values of all records of the address), {@code nxdomain} for an address without data,
     * and the error that stopped the lookups.
     *
     * @param asn the AS numbers
     * @param country the country codes
     * @param rir the regional registries
     * @param error the error text ({@code repr} of upstream's exception), if the lookups stopped
     */
    public record Cymru(List<String> asn, List<String> country, List<String> rir, Optional<String> error) {
        /** Checks for nulls and copies the lists. */
        public Cymru {
            asn = List.copyOf(asn);
            country = List.copyOf(country);
            rir = List.copyOf(rir);
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The status as upstream's server returns it, in plain types: for {@code stats}
     * {@code [backend, [failed, totalFailed], [banned, totalBanned]]}; otherwise
     * {@code [["Filter", [["Currently failed", n], ["Total failed", n], ["File list", [...]]]], ["Actions",
     * [["Currently banned", n], ["Total banned", n], ["Banned IP list", [...]], ...]]]}. Upstream's tuples are
     * two-element lists here.
     *
     * @return nested lists of {@code String}, {@code Long} and lists
     */
    public List<Object> toUpstream() {
        if (flavor.equals("stats")) {
            return List.of(backend, List.of((long) currentlyFailed, totalFailed),
                    List.of((long) currentlyBanned, totalBanned));
        }
        List<Object> filter = new ArrayList<>();
        filter.add(List.of("Currently failed", (long) currentlyFailed));
        filter.add(List.of("Total failed", totalFailed));
        fileList.ifPresent(f -> filter.add(List.of("File list", f)));
        journalMatches.ifPresent(m -> {
            List<String> groups = new ArrayList<>(m.size());
            for (List<String> g : m) {
                groups.add(String.join(" ", g));
            }
            filter.add(List.of("Journal matches", List.of(String.join(" + ", groups))));
        });
        List<Object> actions = new ArrayList<>();
        actions.add(List.of("Currently banned", (long) currentlyBanned));
        actions.add(List.of("Total banned", totalBanned));
        bannedIps.ifPresent(b -> actions.add(List.of("Banned IP list", b)));
        cymru.ifPresent(c -> {
            actions.add(List.of("Banned ASN list", c.asn()));
            actions.add(List.of("Banned Country list", c.country()));
            actions.add(List.of("Banned RIR list", c.rir()));
        });
        return List.of(List.of("Filter", List.copyOf(filter)), List.of("Actions", List.copyOf(actions)));
    }
}
