package org.fail2ban4j.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes real journal files for the tests: entries in systemd's export format, fed to
 * {@code systemd-journal-remote} (Debian package {@code systemd-journal-remote}); writing to an existing file
 * appends.
 */
public final class JournalFixture {

    /** The boot id of every entry written here. */
    public static final String BOOT_ID = "0123456789abcdef0123456789abcdef";

    private JournalFixture() {
    }

    /** The systemd-journal-remote program, or {@code null} when it is not installed. */
    public static Path journalRemote() {
        for (String p : new String[] {"/lib/systemd/systemd-journal-remote",
            "/usr/lib/systemd/systemd-journal-remote"}) {
            Path path = Path.of(p);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    /** Whether systemd-journal-remote and journalctl are installed. */
    public static boolean available() {
        return journalRemote() != null && JournalSource.isAvailable("journalctl");
    }

    /** One entry in export format; values with control bytes are written in the binary form. */
    public static byte[] entry(Instant time, long monotonicMicros, List<Map.Entry<String, String>> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
        field(out, "__REALTIME_TIMESTAMP", Long.toString(micros));
        field(out, "__MONOTONIC_TIMESTAMP", Long.toString(monotonicMicros));
        field(out, "_BOOT_ID", BOOT_ID);
        for (Map.Entry<String, String> f : fields) {
            field(out, f.getKey(), f.getValue());
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        boolean binary = false;
        for (byte b : v) {
            binary |= b == '\n' || (b >= 0 && b < 32 && b != '\t');
        }
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        if (binary) {
            out.write('\n');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v.length).array());
        } else {
            out.write('=');
        }
        out.writeBytes(v);
        out.write('\n');
    }

    /** Writes (or appends) entries to a journal file. */
    public static void write(Path journal, List<byte[]> entries) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(journalRemote().toString(), "-o", journal.toString(), "-")
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            for (byte[] e : entries) {
                in.write(e);
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("systemd-journal-remote failed: " + out);
        }
    }
}
