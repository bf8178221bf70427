package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogSourceFactoriesTest {

    private final SourceSettings settings = SourceSettings.of("sshd", LogEncoding.UTF_8, new TestClock(),
            TestClock.ZONE);

    /** A backend that is available or not, or fails to initialise; records what it was asked to create. */
    private static final class FakeFactory implements LogSourceFactory {
        final String name;
        final boolean available;
        final boolean fails;
        final List<Map<String, String>> created = new ArrayList<>();

        FakeFactory(String name, boolean available, boolean fails) {
            this.name = name;
            this.available = available;
            this.fails = fails;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public Set<String> optionNames() {
            return Set.of();
        }

        @Override
        public LogSource create(SourceSettings s, Map<String, String> options) throws IOException {
            if (fails) {
                throw new IOException("too many inotify instances");
            }
            created.add(options);
            return new NamedSource(name);
        }
    }

    /** A source that only knows its backend name. */
    private static final class NamedSource implements LogSource {
        private final String name;

        NamedSource(String name) {
            this.name = name;
        }

        @Override
        public String backend() {
            return name;
        }

        @Override
        public List<LogLine> poll() {
            return List.of();
        }

        @Override
        public List<LogLine> await(Duration timeout) {
            return List.of();
        }

        @Override
        public void wakeup() {
            // nothing waits
        }

        @Override
        public List<SourcePosition> positions() {
            return List.of();
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    private static LogSourceFactories registry(boolean inotify, boolean inotifyFails, boolean systemd) {
        return new LogSourceFactories(List.of(new FakeFactory("pyinotify", inotify, inotifyFails),
                new FakeFactory("polling", true, false), new FakeFactory("systemd", systemd, false)));
    }

    @ParameterizedTest
    @CsvSource({
        "auto, pyinotify polling systemd",
        "AUTO, pyinotify polling systemd",
        "pyinotify, pyinotify polling systemd",
        "polling, polling systemd",
        "Polling, polling systemd",
        "systemd, systemd",
    })
    void candidatesFollowUpstreamsOrder(String backend, String order) {
        assertEquals(order, registry(true, false, true).candidates(backend).stream().map(LogSourceFactory::name)
                .collect(Collectors.joining(" ")));
    }

    @ParameterizedTest
    @CsvSource({
        "auto, true, false, pyinotify",
        "auto, false, false, polling",
        "auto, true, true, polling",
        "pyinotify, false, false, polling",
        "polling, true, false, polling",
        "systemd, true, false, systemd",
    })
    void createTakesTheFirstThatWorks(String backend, boolean inotify, boolean fails, String chosen)
            throws IOException {
        try (LogSource s = registry(inotify, fails, true).create(backend, Map.of(), settings)) {
            assertEquals(chosen, s.backend());
        }
    }

    @Test
    void noWorkingBackendIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> registry(true, false, false).create("systemd", Map.of(), settings));
        assertEquals("Failed to initialize any backend for Jail 'sshd'", e.getMessage());
    }

    @Test
    void unknownBackendIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry(true, false, true).create("gamin", Map.of(), settings));
        assertEquals("Unknown backend gamin. Must be among ['pyinotify', 'polling', 'systemd'] or 'auto'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry(true, false, true).factory("inotify"));
    }

    @Test
    void registryNeedsEveryBackend() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogSourceFactories(List.of(new FakeFactory("polling", true, false))));
        assertThrows(IllegalArgumentException.class, () -> new LogSourceFactories(List.of(
                new FakeFactory("pyinotify", true, false), new FakeFactory("polling", true, false),
                new FakeFactory("systemd", true, false), new FakeFactory("gamin", true, false))));
    }

    @Test
    void standardBackends() throws Exception {
        LogSourceFactories std = LogSourceFactories.standard("journalctl", Map.of());
        assertTrue(std.factory("polling").isAvailable());
        assertEquals(JournalOptions.NAMES, std.factory("systemd").optionNames());
        assertEquals(Set.of(), std.factory("pyinotify").optionNames());
        try (LogSource s = std.create("polling", Map.of(), settings)) {
            assertInstanceOf(PollingFileSource.class, s);
            assertEquals(List.of(), s.await(Duration.ZERO));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> std.create("polling", Map.of("journalpath", "/x"), settings));
        assertEquals("Unknown option 'journalpath' of backend polling (it takes no options)", e.getMessage());
        if (WatchServiceFileSource.isAvailable()) {
            try (LogSource s = std.create("auto", Map.of(), settings)) {
                assertInstanceOf(WatchServiceFileSource.class, s);
            }
        }
        LogSourceFactories noJournal = LogSourceFactories.standard("/nonexistent/journalctl", Map.of());
        assertEquals(false, noJournal.factory("systemd").isAvailable());
        if (JournalSource.isAvailable("journalctl")) {
            try (LogSource s = std.create("systemd", Map.of("journalflags", "1"), settings)) {
                assertInstanceOf(JournalSource.class, s);
            }
        }
    }
}
