package org.fail2ban4j.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** File and waiting helpers for the source tests. */
final class SourceTesting {

    private SourceTesting() {
    }

    static Path upstream(String relative) {
        return Path.of(System.getProperty("fail2ban4j.upstream", "../shared/upstream/fail2ban-1.1.1"))
                .resolve(relative);
    }

    static void append(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    static void append(Path p, byte[] bytes) throws IOException {
        Files.write(p, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Truncates in place (same inode), as logrotate's copytruncate does, then writes {@code text}. */
    static void truncateAndWrite(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    static List<String> texts(List<? extends LogLine> lines) {
        List<String> out = new ArrayList<>();
        for (LogLine l : lines) {
            out.add(l.text());
        }
        return out;
    }

    /** Reads everything a tail has now, in batches of {@code max}. */
    static List<FileLine> readAll(FileTail t, int max) throws IOException {
        List<FileLine> out = new ArrayList<>();
        int n;
        do {
            n = t.read(out::add, max);
        } while (n == max);
        return out;
    }

    static List<FileLine> readAll(FileTail t) throws IOException {
        return readAll(t, 1000);
    }

    /** Collects lines from a source until {@code count} arrived or {@code limit} passed. */
    static List<LogLine> awaitLines(LogSource s, int count, Duration limit) throws InterruptedException {
        List<LogLine> out = new ArrayList<>();
        long end = System.nanoTime() + limit.toNanos();
        while (out.size() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            out.addAll(s.await(Duration.ofNanos(Math.min(left, Duration.ofMillis(500).toNanos()))));
        }
        return out;
    }
}
