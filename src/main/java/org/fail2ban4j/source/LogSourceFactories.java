package org.fail2ban4j.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/jail.py:Jail._setBackend}: the backends in upstream's order
 * ({@code pyinotify}, {@code polling}, {@code systemd}) and the choice among them. {@code auto} takes the first
 * available; a named backend is tried first and, when it cannot work here, the ones after it in that order (with
 * a warning). An unknown name is an error.
 *
 * <p>Immutable; built once by the composition root.
 */
public final class LogSourceFactories {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.jail");

    /** Upstream's backend order ({@code Jail._BACKENDS}). */
    public static final List<String> BACKENDS = List.of("pyinotify", "polling", "systemd");

    private final Map<String, LogSourceFactory> factories;

    /**
     * A registry.
     *
     * @param factories one factory for each name of {@link #BACKENDS}
     * @throws IllegalArgumentException when a backend is missing or a name is not a backend
     */
    public LogSourceFactories(List<LogSourceFactory> factories) {
        Map<String, LogSourceFactory> m = new LinkedHashMap<>();
        for (LogSourceFactory f : factories) {
            if (!BACKENDS.contains(f.name())) {
                throw new IllegalArgumentException("not a backend name: " + f.name() + " (backends: " + BACKENDS
                        + ")");
            }
            m.put(f.name(), f);
        }
        for (String b : BACKENDS) {
            if (!m.containsKey(b)) {
                throw new IllegalArgumentException("no factory for backend " + b);
            }
        }
        this.factories = Map.copyOf(m);
    }

    /**
     * The standard backends: {@link WatchServiceFileSource}, {@link PollingFileSource}, {@link JournalSource}.
     *
     * @param journalctl the journalctl program
     * @param environment the process environment (for {@code F2B_SYSTEMD_DEFAULT_FLAGS})
     */
    public static LogSourceFactories standard(String journalctl, Map<String, String> environment) {
        return new LogSourceFactories(List.of(watching(), polling(), journal(journalctl, environment)));
    }

    /** The {@code polling} backend. */
    public static LogSourceFactory polling() {
        return new Simple("polling", Set.of()) {
            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            LogSource make(SourceSettings settings, Map<String, String> options) {
                return new PollingFileSource(settings);
            }
        };
    }

    /** The {@code pyinotify} backend (JDK watch service). */
    public static LogSourceFactory watching() {
        return new Simple("pyinotify", Set.of()) {
            @Override
            public boolean isAvailable() {
                return WatchServiceFileSource.isAvailable();
            }

            @Override
            LogSource make(SourceSettings settings, Map<String, String> options) throws IOException {
                return new WatchServiceFileSource(settings);
            }
        };
    }

    /** The {@code systemd} backend (journalctl subprocess). */
    public static LogSourceFactory journal(String journalctl, Map<String, String> environment) {
        Objects.requireNonNull(journalctl, "journalctl");
        Map<String, String> env = Map.copyOf(environment);
        return new Simple("systemd", JournalOptions.NAMES) {
            @Override
            public boolean isAvailable() {
                return JournalSource.isAvailable(journalctl);
            }

            @Override
            LogSource make(SourceSettings settings, Map<String, String> options) {
                return new JournalSource(settings, JournalOptions.parse(options, env), journalctl);
            }
        };
    }

    /** A factory that checks option names before making its source. */
    private abstract static class Simple implements LogSourceFactory {
        private final String name;
        private final Set<String> optionNames;

        Simple(String name, Set<String> optionNames) {
            this.name = name;
            this.optionNames = optionNames;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> optionNames() {
            return optionNames;
        }

        @Override
        public LogSource create(SourceSettings settings, Map<String, String> options) throws IOException {
            Objects.requireNonNull(settings, "settings");
            for (String k : options.keySet()) {
                if (!optionNames.contains(k)) {
                    throw new IllegalArgumentException("Unknown option '" + k + "' of backend " + name
                            + (optionNames.isEmpty() ? " (it takes no options)" : " (known: " + optionNames + ")"));
                }
            }
            return make(settings, options);
        }

        abstract LogSource make(SourceSettings settings, Map<String, String> options) throws IOException;
    }

    /** The factory of one backend name. */
    public LogSourceFactory factory(String name) {
        LogSourceFactory f = factories.get(name.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw unknown(name);
        }
        return f;
    }

    /** The backends to try for a requested name, in order ({@code auto}: all). */
    public List<LogSourceFactory> candidates(String backend) {
        String b = Objects.requireNonNull(backend, "backend").toLowerCase(Locale.ROOT);
        List<LogSourceFactory> out = new ArrayList<>();
        int from = 0;
        if (!b.equals("auto")) {
            from = BACKENDS.indexOf(b);
            if (from < 0) {
                throw unknown(backend);
            }
        }
        for (String name : BACKENDS.subList(from, BACKENDS.size())) {
            out.add(factories.get(name));
        }
        return out;
    }

    /**
     * Creates the source for a jail's {@code backend} as upstream's {@code _setBackend}: the requested backend,
     * or the next available one.
     *
     * @param backend {@code auto} or a backend name (any case), without options
     * @param options the backend options
     * @param settings the source settings (the jail name is used in messages)
     * @return the source; its {@link LogSource#backend()} says which backend it is
     * @throws IllegalArgumentException for an unknown backend or option
     * @throws IOException when no backend could be initialised
     */
    public LogSource create(String backend, Map<String, String> options, SourceSettings settings)
            throws IOException {
        List<LogSourceFactory> order = candidates(backend);
        String requested = backend.toLowerCase(Locale.ROOT);
        boolean auto = requested.equals("auto");
        for (LogSourceFactory f : order) {
            String why;
            if (f.isAvailable()) {
                try {
                    LogSource s = f.create(settings, options);
                    if (!auto && !f.name().equals(requested)) {
                        LOG.warn("Could only initiated '{}' backend whenever '{}' was requested", f.name(),
                                requested);
                    } else {
                        LOG.info("Initiated '{}' backend", f.name());
                    }
                    return s;
                } catch (IOException e) {
                    why = e.toString();
                }
            } else {
                why = "it is not available here";
            }
            if (auto) {
                LOG.debug("Backend '{}' failed to initialize due to {}", f.name(), why);
            } else {
                LOG.error("Backend '{}' failed to initialize due to {}", f.name(), why);
            }
        }
        throw new IOException("Failed to initialize any backend for Jail '" + settings.jailName() + "'");
    }

    private static IllegalArgumentException unknown(String backend) {
        return new IllegalArgumentException("Unknown backend " + backend
                + ". Must be among ['pyinotify', 'polling', 'systemd'] or 'auto'");
    }
}
