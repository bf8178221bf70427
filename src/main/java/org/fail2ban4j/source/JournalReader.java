package org.fail2ban4j.source;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/client/fail2banregex.py:journal_lines_gen} with the reader that
 * {@code FilterSystemd.getJournalReader} opens: every entry of the selected journals that the match terms select,
 * oldest first, formatted by {@link JournalEntryFormat}, read from one {@code journalctl -o json} process that
 * ends at the end of the journal (no following). What {@code fail2ban-regex systemd-journal[...]} reads.
 *
 * <p>{@link #open} starts journalctl and waits for its first entry, so a journal that cannot be opened (a file
 * that does not exist or is no journal, a bad directory) is an {@link IOException} there, with journalctl's own
 * message. A journal file given without glob characters must exist (upstream 1.1.1 would drop it from the list
 * silently and read the local journals instead).
 *
 * <p>Not thread-safe; close it when done (that ends journalctl if it is still running).
 */
public final class JournalReader implements Iterator<JournalLine>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.filtersystemd");
    /** How long journalctl may take to exit once its output has ended. */
    private static final long EXIT_WAIT_SECONDS = 30;
    /** The most error text kept from journalctl. */
    private static final int MAX_ERROR_CHARS = 4000;

    private final List<String> command;
    private final JournalEntryFormat format;
    private final Process process;
    private final BufferedReader out;
    private final StringBuilder errors = new StringBuilder();
    private final Thread errorReader;
    private JournalLine next;
    private boolean ended;

    private JournalReader(List<String> command, JournalEntryFormat format, Process process) {
        this.command = command;
        this.format = format;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                1 << 16);
        this.errorReader = new Thread(() -> collectErrors(process.getErrorStream()), "journalctl-errors");
        errorReader.setDaemon(true);
        errorReader.start();
    }

    /**
     * Starts reading the journals.
     *
     * @param journalctl the journalctl program (a name looked up on {@code PATH}, or a path)
     * @param options the journals to read
     * @param matchTerms journalctl style match terms ({@code FIELD=value}, {@code +} between alternatives); empty
     *     for every entry
     * @param format formats the entries
     * @return the reader, positioned before the first entry
     * @throws IOException when a journal file does not exist, journalctl cannot be started, or it cannot open
     *     the journals (its message included)
     * @throws IllegalArgumentException for a match term that is not {@code FIELD=value}
     */
    public static JournalReader open(String journalctl, JournalOptions options, List<String> matchTerms,
            JournalEntryFormat format) throws IOException {
        Objects.requireNonNull(journalctl, "journalctl");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(format, "format");
        List<List<String>> groups = JournalSource.matchGroups(matchTerms);
        for (String f : options.files()) {
            if (!hasGlob(f) && !Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(f, null, "No such journal file");
            }
        }
        List<String> cmd = JournalSource.command(journalctl, options, groups, List.of(), false);
        Process p;
        try {
            p = JournalSource.processBuilder(cmd).start();
        } catch (IOException e) {
            throw new IOException("cannot start " + journalctl + ": " + e.getMessage(), e);
        }
        JournalReader r = new JournalReader(List.copyOf(cmd), format, p);
        try {
            r.hasNext();
        } catch (UncheckedIOException e) {
            r.close();
            throw e.getCause();
        }
        return r;
    }

    /** Python's {@code glob.has_magic}. */
    private static boolean hasGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
    }

    /** The journalctl command line this reader runs. */
    public List<String> command() {
        return command;
    }

    /**
     * Whether another entry follows.
     *
     * @throws UncheckedIOException when reading fails or journalctl ends with an error
     */
    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            advance();
        }
        return next != null;
    }

    @Override
    public JournalLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more journal entries");
        }
        JournalLine l = next;
        next = null;
        return l;
    }

    private void advance() {
        try {
            String l;
            while ((l = out.readLine()) != null) {
                if (!l.startsWith("{")) {
                    continue;
                }
                try {
                    next = format.format(JSON.std.mapFrom(l));
                    return;
                } catch (IOException | RuntimeException e) {
                    // upstream's generator skips entries the reader cannot read
                    LOG.error("Error reading line from systemd journal: {}", e.toString());
                }
            }
            ended = true;
            finish();
        } catch (IOException e) {
            ended = true;
            process.destroyForcibly();
            throw new UncheckedIOException(new IOException("reading the output of journalctl failed: "
                    + e.getMessage() + " (" + String.join(" ", command) + ")", e));
        }
    }

    private void finish() throws IOException {
        int code;
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("journalctl did not exit within " + EXIT_WAIT_SECONDS + " s after its output "
                        + "ended (" + String.join(" ", command) + ")");
            }
            code = process.exitValue();
            errorReader.join(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for journalctl", e);
        }
        if (code != 0) {
            String msg;
            synchronized (errors) {
                msg = errors.length() == 0 ? "no message" : errors.toString();
            }
            throw new UncheckedIOException(new IOException("journalctl failed (exit status " + code + "): " + msg
                    + " (" + String.join(" ", command) + ")"));
        }
    }

    private void collectErrors(InputStream err) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.isBlank()) {
                    continue;
                }
                synchronized (errors) {
                    if (errors.length() < MAX_ERROR_CHARS) {
                        errors.append(errors.length() == 0 ? "" : "; ").append(l.strip());
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("journalctl error output ended: {}", e.toString());
        }
    }

    /** Ends journalctl if it still runs. */
    @Override
    public void close() {
        ended = true;
        next = null;
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("closing the output of journalctl: {}", e.toString());
        }
    }

    /** The lines of every entry, read to the end (for small journals and tests). */
    public List<JournalLine> readAll() {
        List<JournalLine> all = new ArrayList<>();
        while (hasNext()) {
            all.add(next());
        }
        return all;
    }
}
