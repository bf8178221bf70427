package org.fail2ban4j.config.ini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one configuration load shares between readers (upstream's {@code share_config} dictionary): every file is
 * parsed once, every include list is resolved once, and every named reader ({@code jail}, {@code filter.d/sshd},
 * {@code action.d/iptables}) is built once. Not thread-safe: one load runs on one thread.
 */
public final class IniCache {
    private final Map<String, Optional<IniFile>> files = new HashMap<>();
    private final Map<String, List<String>> includes = new HashMap<>();
    private final Map<String, Object> named = new HashMap<>();

    /** The parsed file, or empty if it does not exist or is not a regular readable file. */
    public Optional<IniFile> file(String path) {
        Optional<IniFile> f = files.get(path);
        if (f == null) {
            Path p = Path.of(path);
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                try {
                    f = Optional.of(IniFile.read(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                f = Optional.empty();
            }
            files.put(path, f);
        }
        return f;
    }

    List<String> includes(String key) {
        return includes.get(key);
    }

    void putIncludes(String key, List<String> list) {
        includes.put(key, list);
    }

    /** A shared object by name, created on first use. */
    @SuppressWarnings("unchecked")
    public <T> T shared(String name, Function<String, T> create) {
        Object o = named.get(name);
        if (o == null) {
            o = create.apply(name);
            named.put(name, o);
        }
        return (T) o;
    }

    /** Forgets everything (upstream's {@code Configurator.Reload}). */
    public void clear() {
        files.clear();
        includes.clear();
        named.clear();
    }
}
