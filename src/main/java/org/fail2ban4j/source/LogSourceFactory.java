package org.fail2ban4j.source;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Creates the {@link LogSource} of one backend. The standard ones come from {@link LogSourceFactories}.
 */
public interface LogSourceFactory {

    /** The backend name: {@code pyinotify}, {@code polling} or {@code systemd}. */
    String name();

    /** Whether the backend can work here (upstream: whether its Python module imports). */
    boolean isAvailable();

    /** The backend options this factory takes ({@code backend = name[option=value, ...]}). */
    Set<String> optionNames();

    /**
     * Creates a source.
     *
     * @param settings jail name, encoding, clock, zone and batching
     * @param options backend options, only names from {@link #optionNames()}
     * @return a new source; the caller closes it
     * @throws IllegalArgumentException for an unknown or malformed option
     * @throws IOException when the backend cannot be initialised (the chooser then tries the next one)
     */
    LogSource create(SourceSettings settings, Map<String, String> options) throws IOException;
}
