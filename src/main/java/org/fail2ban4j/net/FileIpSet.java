package org.fail2ban4j.net;

import org.fail2ban4j.tags.Words;
import org.fail2ban4j.regex.PyStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/ipdns.py:FileIPAddrSet}: the {@code file:/path} entry of {@code ignoreip}, a set of
 * addresses, networks and names read from a file and re-read when the file changes.
 *
 * <p>The file holds entries separated by white space or commas; {@code #} and {@code ;} start a comment at line
 * start or after white space. It is loaded on first use. On later checks (at most once per second by the injected
 * clock) its modification time, inode and size are compared, and it is re-read when they changed. A failure (file
 * missing, unreadable, bad mask) keeps the previous content, logs
 * {@code Retrieving IPs set from '<file>' failed: <error>} and postpones the next check by a minute.
 *
 * <p>Thread-safe: checks are locked, readers see a consistent snapshot.
 */
public final class FileIpSet {

    /** Upstream {@code RE_FILE_IGN_IP}: {@code file:} prefix; group 1 is the file name (absolute or relative). */
    public static final String FILE_PREFIX_RE = "^file:(?:/{0,2}(?=/(?!/|.{1,2}/))|/{0,2})(.*)$";
    private static final Pattern FILE_PREFIX = Pattern.compile(FILE_PREFIX_RE, Pattern.UNIX_LINES);

    /** Upstream {@code maxUpdateLatency}. */
    static final Duration MAX_UPDATE_LATENCY = Duration.ofSeconds(1);
    /** Delay added to the next check after an error (upstream {@code _nextCheck += 60}). */
    static final Duration ERROR_DELAY = Duration.ofSeconds(60);

    private final String fileName;
    private final String display;
    private final InstantSource clock;
    private final DnsResolver resolver;

    private volatile IpAddressSet content = IpAddressSet.EMPTY;
    private Instant nextCheck = Instant.EPOCH;
    private List<Object> fileStats = List.of();

    /**
     * A set backed by {@code fileName} (read lazily); names in the file resolve through {@code resolver}.
     */
    public FileIpSet(String fileName, InstantSource clock, DnsResolver resolver) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.display = "file:" + (fileName.startsWith("/") ? "/" : "") + fileName;
    }

    /**
     * The file name of a {@code file:} ignore entry ({@code file:/etc/x}, {@code file:///etc/x} and
     * {@code file://etc/x} all name {@code /etc/x}; {@code file:x} is relative), or empty if {@code entry} has no
     * {@code file:} prefix.
     */
    public static Optional<String> fileNameOf(String entry) {
        Matcher m = FILE_PREFIX.matcher(entry);
        return m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The file name as given (after the {@code file:} prefix). */
    public String fileName() {
        return fileName;
    }

    /**
     * Upstream {@code __contains__}: re-read the file if due and changed, then test {@code ip} against the entries
     * (networks included, names resolved).
     */
    public boolean contains(IpAddress ip) {
        if (!fileName.isEmpty()) {
            load(false);
        }
        return content.contains(ip, resolver);
    }

    /** The entries as last loaded (without checking the file). */
    public IpAddressSet content() {
        return content;
    }

    /**
     * Upstream {@code load}: read the file when it is due and changed (or always with {@code force}); errors are
     * logged and keep the previous content.
     */
    public synchronized void load(boolean force) {
        try {
            if (Boolean.TRUE.equals(isModified()) || force) {
                String text = Files.readString(Path.of(fileName), StandardCharsets.UTF_8);
                content = IpAddressSet.parse(Words.splitwords(text, true));
            }
        } catch (IOException | RuntimeException e) {
            nextCheck = nextCheck.plus(ERROR_DELAY);
            IpDnsLog.LOG.warn("Retrieving IPs set from {} failed: {}", PyStrings.repr(fileName), describe(e));
        }
    }

    /**
     * Upstream {@code _isModified}: null if not due (checked less than a second ago), else whether modification
     * time, inode or size changed since the last check (and remember them).
     *
     * @throws IOException if the file cannot be examined
     */
    synchronized Boolean isModified() throws IOException {
        Instant now = clock.instant();
        if (!now.isAfter(nextCheck)) {
            return null;
        }
        nextCheck = now.plus(MAX_UPDATE_LATENCY);
        BasicFileAttributes a = Files.readAttributes(Path.of(fileName), BasicFileAttributes.class);
        Object key = a.fileKey();
        List<Object> stats = List.of(a.lastModifiedTime(), key != null ? key : "", a.size());
        if (!stats.equals(fileStats)) {
            fileStats = stats;
            return true;
        }
        return false;
    }

    private String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "[Errno 2] No such file or directory: " + PyStrings.repr(fileName);
        }
        if (e instanceof AccessDeniedException) {
            return "[Errno 13] Permission denied: " + PyStrings.repr(fileName);
        }
        String msg = e.getMessage();
        return msg != null ? msg : e.toString();
    }

    /** Upstream {@code repr}: {@code file:} plus the name, with {@code //} before an absolute name. */
    @Override
    public String toString() {
        return display;
    }
}
