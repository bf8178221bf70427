package org.fail2ban4j.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Port of {@code fail2ban/server/filtersystemd.py:FilterSystemd._getJournalArgs}: the options of the
 * {@code systemd} backend ({@code backend = systemd[journalpath=..., journalflags=...]}) and the
 * {@code journalctl} arguments that select the same journals.
 *
 * <ul>
 *   <li>{@code journalfiles}: journal files (or glob patterns), separated by spaces, commas or newlines
 *       ({@code --file=});</li>
 *   <li>{@code journalpath}: a journal directory ({@code --directory=});</li>
 *   <li>{@code journalflags}: python-systemd's open flags: 1 local only (journalctl's default), 2 runtime only
 *       ({@code --directory=/run/log/journal}), 4 system ({@code --system}), 8 current user ({@code --user}),
 *       0 all journals ({@code --merge}). Without it (and without files or path) the environment variable
 *       {@code F2B_SYSTEMD_DEFAULT_FLAGS} is used, else {@code rotated} selects the system journal;</li>
 *   <li>{@code namespace}: a journal namespace ({@code --namespace=});</li>
 *   <li>{@code rotated}: whether rotated journal files are read too. journalctl always reads them (that keeps it
 *       following across rotations); upstream excludes them to save file handles in its own process, which a
 *       separate journalctl process does not need.</li>
 * </ul>
 *
 * <p>Immutable.
 */
public final class JournalOptions {

    /** The option names the backend knows. */
    public static final Set<String> NAMES = Set.of("journalpath", "journalfiles", "journalflags", "rotated",
            "namespace");

    static final int LOCAL_ONLY = 1;
    static final int RUNTIME_ONLY = 2;
    static final int SYSTEM_ONLY = 4;
    static final int CURRENT_USER = 8;
    /** The runtime journal directory (upstream's {@code systemd-path system-runtime-logs}/journal). */
    static final String RUNTIME_DIR = "/run/log/journal";

    private final List<String> files;
    private final String directory;
    private final int flags;
    private final String namespace;
    private final boolean rotated;

    private JournalOptions(List<String> files, String directory, int flags, String namespace, boolean rotated) {
        this.files = files;
        this.directory = directory;
        this.flags = flags;
        this.namespace = namespace;
        this.rotated = rotated;
    }

    /** No options: journalctl's default journals (local ones). */
    public static final JournalOptions DEFAULT = new JournalOptions(List.of(), "", -1, "", false);

    /**
     * Reads backend options.
     *
     * @param options option name to value (names as written; matched case-sensitively, as upstream's kwargs)
     * @param environment the process environment (for {@code F2B_SYSTEMD_DEFAULT_FLAGS})
     * @return the options
     * @throws IllegalArgumentException for an unknown option or a {@code journalflags} that is not an integer
     */
    public static JournalOptions parse(Map<String, String> options, Map<String, String> environment) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
        for (String k : options.keySet()) {
            if (!NAMES.contains(k)) {
                throw new IllegalArgumentException("Unknown option '" + k + "' of backend systemd (known: "
                        + String.join(", ", new java.util.TreeSet<>(NAMES)) + ")");
            }
        }
        List<String> files = new ArrayList<>();
        String f = options.get("journalfiles");
        if (f != null) {
            for (String w : f.replace(',', ' ').split("\\s+")) {
                if (!w.isEmpty() && !files.contains(w)) {
                    files.add(w);
                }
            }
        }
        String dir = options.getOrDefault("journalpath", "");
        boolean rotated = asBool(options.getOrDefault("rotated", "0"));
        int flags = -1;
        String fl = options.get("journalflags");
        if (fl != null) {
            flags = parseFlags(fl, "journalflags");
        } else if (files.isEmpty() && dir.isEmpty()) {
            String env = environment.get("F2B_SYSTEMD_DEFAULT_FLAGS");
            if (env != null) {
                flags = parseFlags(env, "F2B_SYSTEMD_DEFAULT_FLAGS");
            } else if (rotated) {
                flags = SYSTEM_ONLY;
            }
        }
        return new JournalOptions(Collections.unmodifiableList(files), dir, flags,
                options.getOrDefault("namespace", ""), rotated);
    }

    private static int parseFlags(String v, String what) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + v + "'", e);
        }
    }

    /** Upstream's {@code _as_bool}. */
    private static boolean asBool(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("on") || s.equals("true") || s.equals("yes");
    }

    /** The journal files or patterns ({@code journalfiles}). */
    public List<String> files() {
        return files;
    }

    /** Whether rotated files were asked for ({@code rotated}). */
    public boolean rotated() {
        return rotated;
    }

    /** The journalctl arguments selecting the journals. */
    List<String> selectionArguments() {
        List<String> a = new ArrayList<>();
        for (String file : files) {
            a.add("--file=" + file);
        }
        String dir = directory;
        if (files.isEmpty() && flags >= 0) {
            if ((flags & RUNTIME_ONLY) != 0 && dir.isEmpty()) {
                dir = RUNTIME_DIR;
            }
            if ((flags & SYSTEM_ONLY) != 0) {
                a.add("--system");
            }
            if ((flags & CURRENT_USER) != 0) {
                a.add("--user");
            }
            if ((flags & (LOCAL_ONLY | SYSTEM_ONLY | CURRENT_USER)) == 0) {
                a.add("--merge");
            }
        }
        if (!dir.isEmpty() && files.isEmpty()) {
            a.add("--directory=" + dir);
        }
        if (!namespace.isEmpty()) {
            a.add("--namespace=" + namespace);
        }
        return a;
    }

    @Override
    public String toString() {
        return "JournalOptions" + selectionArguments();
    }
}
