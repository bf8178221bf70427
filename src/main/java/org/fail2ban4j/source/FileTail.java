package org.fail2ban4j.source;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Port of {@code fail2ban/server/filter.py:FileContainer}: follows one log file by path, remembers the read
 * position and the hash of the first line, detects rotation and delivers complete decoded lines.
 *
 * <p>Rotation is detected as upstream does: by rename (the path now names another file), by truncation (the file
 * is smaller than the position, {@code copytruncate}) and by a changed first line (checked when rotation is
 * suspected, while no hash is known, and every 30 seconds of the injected clock). On a rename the old file is kept
 * open: its remaining complete lines are delivered before the new file is read, and lines a writer still appends
 * to it are picked up for {@link #RETIRED_GRACE} more, so nothing written between the rename and the writer's
 * switch to the new file is lost (upstream reopens by name and loses those lines).
 *
 * <p>Lines are split at the encoded line end ({@code \n} in the log encoding), decoded strictly, and on failure
 * decoded with replacement after a warning naming the file (upstream's {@code decode_line}); trailing
 * {@code \r}/{@code \n} are removed (CRLF). A last line without line end is not delivered until it is completed.
 * Lines of any length are read; NUL bytes are ordinary characters.
 *
 * <p>Not thread-safe: one owner (a {@link FileLogSource}) calls it.
 */
public final class FileTail implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.filter");
    /** Upstream's {@code logging.MSG} level (between INFO and DEBUG), as a marker on INFO. */
    static final Marker MSG = MarkerFactory.getMarker("MSG");

    /** How often the first-line hash is checked when nothing else suggests a rotation (upstream: 30 s). */
    static final Duration HASH_RECHECK = Duration.ofSeconds(30);
    /** How long a renamed-away file is still read after the switch to the new file. */
    static final Duration RETIRED_GRACE = Duration.ofSeconds(60);
    /** How long decoding warnings for a file are logged at trace level after the first (upstream: 24 h). */
    static final Duration DECODE_WARN_QUIET = Duration.ofHours(24);

    private static final int BUFFER = 64 * 1024;
    private static final int KEEP_BUFFER = 1024 * 1024;

    private final Path path;
    private final String sourceId;
    private final InstantSource clock;
    private LogEncoding encoding;

    /** The file the path names, open; {@code null} when the path was missing at the last look. */
    private FileChannel channel;
    /** The identity ({@code dev}/{@code ino}) of the file last read through the path. */
    private Object fileKey;
    private long pos;
    private String hash = "";
    private Instant hashNextTime;
    private boolean inOperation;
    private boolean more;
    private boolean missing;
    /** A stored position waiting for the file to appear (checked against its first-line hash). */
    private FilePosition pendingResume;

    /** A renamed-away file still read for a while. */
    private FileChannel retired;
    private Object retiredKey;
    private long retiredPos;
    private Instant retiredUntil;

    private Instant decodeWarnQuietUntil;
    private byte[] buf = new byte[BUFFER];

    private FileTail(Path path, String sourceId, LogEncoding encoding, InstantSource clock) {
        this.path = Objects.requireNonNull(path, "path");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens a log file as upstream's {@code FileContainer(path, encoding, tail)} does: reads the first line's
     * hash and, with {@code tail}, starts at the end.
     *
     * @param path the log file
     * @param encoding the log encoding
     * @param tail start at the end of the file (only new lines) instead of at its start
     * @param clock the clock for the periodic hash check and warnings
     * @return the tail, positioned
     * @throws NoSuchFileException when the file does not exist
     * @throws IOException when the file cannot be read
     */
    public static FileTail open(Path path, LogEncoding encoding, boolean tail, InstantSource clock)
            throws IOException {
        FileTail t = new FileTail(path, path.toString(), encoding, clock);
        if (!t.init(tail)) {
            throw new NoSuchFileException(path.toString());
        }
        return t;
    }

    /** Like {@link #open}, but a missing file is waited for: it is read from its start once it appears. */
    static FileTail openOrAwait(Path path, String sourceId, LogEncoding encoding, boolean tail,
            InstantSource clock) throws IOException {
        FileTail t = new FileTail(path, sourceId, encoding, clock);
        t.init(tail);
        return t;
    }

    private boolean init(boolean tail) throws IOException {
        Instant now = clock.instant();
        hashNextTime = now.plus(HASH_RECHECK);
        inOperation = tail;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            missing = true;
            return false;
        }
        fileKey = attrs.fileKey();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            hash = firstLineHash(ch);
            if (tail) {
                pos = ch.size();
            }
        }
        return true;
    }

    /** The log path. */
    public Path path() {
        return path;
    }

    /** The source id of lines and positions (the path as it was added). */
    public String sourceId() {
        return sourceId;
    }

    /** The byte offset the next read starts at (upstream's {@code getPos}). */
    public long position() {
        return pos;
    }

    /** Sets the read position (upstream's {@code setPos}); a position past the end means "rotated" on the next read. */
    public void setPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("file position must not be negative: " + position);
        }
        pos = position;
    }

    /** The hex SHA-1 of the first line with its line end, or {@code ""} (upstream's {@code getHash}). */
    public String firstLineHash() {
        return hash;
    }

    /** The position to store: path, first-line hash and offset. */
    public FilePosition filePosition() {
        return new FilePosition(sourceId, hash, pos);
    }

    /** Whether the file has been read up to its end once (upstream's {@code inOperation}). */
    public boolean inOperation() {
        return inOperation;
    }

    /** The log encoding. */
    public LogEncoding encoding() {
        return encoding;
    }

    /** Changes the log encoding for the following reads (upstream's {@code setEncoding}). */
    public void setEncoding(LogEncoding enc) {
        encoding = Objects.requireNonNull(enc, "encoding");
    }

    /** Whether the path named no file at the last read. */
    public boolean isMissing() {
        return missing;
    }

    /**
     * Whether a read is due even if the file looks unchanged: the last read stopped at its line limit, or a
     * renamed-away file is still being followed.
     */
    public boolean needsRead() {
        return more || retired != null;
    }

    /**
     * Resumes from a stored position if it belongs to this file: the stored first-line hash must equal the file's
     * (upstream's {@code Fail2BanDb.addLog} check). For a file that does not exist yet, the check happens when it
     * appears.
     *
     * @param stored the stored position
     * @return whether the position was taken (or is kept for a file that does not exist yet)
     */
    public boolean resume(FilePosition stored) {
        Objects.requireNonNull(stored, "stored");
        if (missing && fileKey == null) {
            pendingResume = stored;
            return true;
        }
        if (stored.firstLineHash().equals(hash)) {
            pos = stored.offset();
            return true;
        }
        return false;
    }

    /**
     * Reads the complete lines written since the last read, checking for rotation first (upstream's
     * {@code FileContainer.open} and {@code readline} loop).
     *
     * @param sink receives each line
     * @param maxLines the most lines to deliver; when reached, {@link #needsRead()} is true
     * @return the number of lines delivered
     * @throws IOException when the file exists but cannot be read
     */
    public int read(Consumer<? super FileLine> sink, int maxLines) throws IOException {
        if (maxLines <= 0) {
            throw new IllegalArgumentException("line limit must be positive: " + maxLines);
        }
        more = false;
        Instant now = clock.instant();
        int count = 0;
        if (retired != null) {
            count += readRetired(sink, maxLines, now);
            if (more) {
                return count;
            }
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!missing) {
                missing = true;
                LOG.debug("Log absence detected (possibly rotation) for {}", sourceId);
                if (channel != null) {
                    retire(now);
                    count += readRetired(sink, maxLines - count, now);
                }
            }
            return count;
        }
        missing = false;
        Object key = attrs.fileKey();
        if (retired != null && key != null && key.equals(retiredKey)) {
            // moved away and back: the same file again
            closeChannel();
            channel = retired;
            fileKey = retiredKey;
            pos = retiredPos;
            retired = null;
        }
        boolean rotated = false;
        long oldPos = pos;
        Object oldKey = fileKey;
        if (channel != null && key != null && !key.equals(fileKey)) {
            // renamed away: finish the old file first
            retire(now);
            count += readRetired(sink, maxLines - count, now);
            if (more) {
                return count;
            }
        }
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            Object opened = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (fileKey != null && opened != null && !opened.equals(fileKey)) {
                rotated = true;
                pos = 0;
            }
            fileKey = opened;
            if (pendingResume != null) {
                FilePosition stored = pendingResume;
                pendingResume = null;
                if (stored.firstLineHash().equals(firstLineHash(channel))) {
                    pos = stored.offset();
                }
            }
        }
        long size = channel.size();
        boolean suspect = rotated || size < pos;
        String myHash = hash;
        if (suspect || hash.isEmpty() || now.isAfter(hashNextTime)) {
            myHash = firstLineHash(channel);
            if (!myHash.isEmpty()) {
                hashNextTime = now.plus(HASH_RECHECK);
            }
        }
        boolean reset = suspect || (!hash.isEmpty() && !myHash.equals(hash));
        if (rotated || reset && (pos != 0 || !hash.isEmpty())) {
            logRotation(size, oldPos, key, oldKey, myHash, hash);
        }
        if (reset) {
            pos = 0;
        }
        hash = myHash;
        if (size <= pos) {
            inOperation = true;
            return count;
        }
        int budget = maxLines - count;
        if (budget <= 0) {
            more = true;
            return count;
        }
        long[] position = {pos};
        int n = readLines(channel, position, sink, budget);
        pos = position[0];
        if (n < budget) {
            inOperation = true;
        } else {
            more = true;
        }
        return count + n;
    }

    private void retire(Instant now) throws IOException {
        closeRetired();
        retired = channel;
        retiredKey = fileKey;
        retiredPos = pos;
        retiredUntil = now.plus(RETIRED_GRACE);
        channel = null;
        pos = 0;
    }

    private int readRetired(Consumer<? super FileLine> sink, int maxLines, Instant now) throws IOException {
        if (maxLines <= 0) {
            more = true;
            return 0;
        }
        long[] position = {retiredPos};
        int n = 0;
        if (retired.size() > retiredPos) {
            n = readLines(retired, position, sink, maxLines);
            retiredPos = position[0];
        }
        if (n >= maxLines) {
            more = true;
        } else if (now.isAfter(retiredUntil)) {
            closeRetired();
        }
        return n;
    }

    private void logRotation(long size, long oldPos, Object key, Object oldKey, String newHash, String oldHash) {
        LOG.info(MSG, "Log rotation detected for {}, reason: ({}, {}, {}, {}, '{}', '{}')", sourceId, size, oldPos,
                inode(key), inode(oldKey), newHash, oldHash);
    }

    /** The inode number in a file key ({@code (dev=..,ino=N)} on Linux), as upstream logs {@code st_ino}. */
    static String inode(Object key) {
        if (key == null) {
            return "None";
        }
        String s = key.toString();
        int i = s.indexOf("ino=");
        if (i < 0) {
            return s;
        }
        int e = i + 4;
        while (e < s.length() && Character.isDigit(s.charAt(e))) {
            e++;
        }
        return s.substring(i + 4, e);
    }

    /** Reads complete lines from {@code position[0]}, advancing it past each delivered line. */
    private int readLines(FileChannel ch, long[] position, Consumer<? super FileLine> sink, int maxLines)
            throws IOException {
        LogEncoding enc = encoding;
        int unit = enc.newlineUnit();
        byte[] b = buf;
        long base = position[0];
        int start = 0;
        int filled = 0;
        int scan = 0;
        int count = 0;
        while (count < maxLines) {
            int nl = findNewline(b, enc, unit, start, scan, filled);
            if (nl < 0) {
                scan = filled - ((filled - start) % unit);
                if (start > 0) {
                    System.arraycopy(b, start, b, 0, filled - start);
                    base += start;
                    filled -= start;
                    scan -= start;
                    start = 0;
                }
                if (filled == b.length) {
                    byte[] bigger = new byte[b.length * 2];
                    System.arraycopy(b, 0, bigger, 0, filled);
                    b = bigger;
                }
                int r = ch.read(ByteBuffer.wrap(b, filled, b.length - filled), base + filled);
                if (r <= 0) {
                    break;
                }
                filled += r;
                continue;
            }
            int end = nl + unit;
            String text = decodeLine(b, start, nl - start, end - start);
            long endOffset = base + end;
            position[0] = endOffset;
            sink.accept(new FileLine(text, sourceId, endOffset, inOperation));
            count++;
            start = end;
            scan = end;
        }
        buf = b.length > KEEP_BUFFER ? new byte[BUFFER] : b;
        return count;
    }

    /** The index of the next line end at or after {@code scan} (aligned on the unit from {@code start}). */
    private static int findNewline(byte[] b, LogEncoding enc, int unit, int start, int scan, int filled) {
        if (unit == 1) {
            for (int i = scan; i < filled; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
        int i = scan + ((unit - (scan - start) % unit) % unit);
        for (; i + unit <= filled; i += unit) {
            if (enc.isNewlineAt(b, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes {@code len} bytes of content (of a line {@code rawLen} bytes long) and strips trailing CR/LF. */
    private String decodeLine(byte[] b, int off, int len, int rawLen) {
        LogEncoding enc = encoding;
        String s = enc.decodeStrict(b, off, len);
        if (s == null) {
            warnDecode(b, off, rawLen);
            s = enc.decodeReplacing(b, off, len);
        }
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\r' || s.charAt(e - 1) == '\n')) {
            e--;
        }
        return e == s.length() ? s : s.substring(0, e);
    }

    private void warnDecode(byte[] b, int off, int rawLen) {
        Instant now = clock.instant();
        if (decodeWarnQuietUntil == null || now.isAfter(decodeWarnQuietUntil)) {
            decodeWarnQuietUntil = now.plus(DECODE_WARN_QUIET);
            LOG.warn("Error decoding line from '{}' with '{}'.", sourceId, encoding.name());
            LOG.warn("Consider setting logencoding to appropriate encoding for this jail. Continuing to process "
                    + "line ignoring invalid characters: {}", PyBytes.repr(b, off, rawLen));
        } else if (LOG.isTraceEnabled()) {
            LOG.trace("Error decoding line from '{}' with '{}'.", sourceId, encoding.name());
            LOG.trace("Consider setting logencoding to appropriate encoding for this jail. Continuing to process "
                    + "line ignoring invalid characters: {}", PyBytes.repr(b, off, rawLen));
        }
    }

    /**
     * SHA-1 of the first line including its line end, or {@code ""} when the file has no complete first line.
     * Upstream names it MD5 ({@code md5sum}, column {@code firstlinemd5}) but under Python 3 its probe
     * {@code hashlib.md5(' ')} raises (a str is no bytes) and it falls back to {@code hashlib.sha1}: the databases
     * it writes hold SHA-1, and a different hash would make a log read again from its start. As upstream, the line is the raw bytes up to the first {@code 0A} byte whatever the encoding, and a last
     * line ending in {@code \r} counts as complete.
     */
    private static String firstLineHash(FileChannel ch) throws IOException {
        byte[] b = new byte[8192];
        MessageDigest digest = sha1();
        long at = 0;
        int last = -1;
        while (true) {
            int r = ch.read(ByteBuffer.wrap(b), at);
            if (r <= 0) {
                if (last == '\r') {
                    return HexFormat.of().formatHex(digest.digest());
                }
                return "";
            }
            for (int i = 0; i < r; i++) {
                if (b[i] == '\n') {
                    digest.update(b, 0, i + 1);
                    return HexFormat.of().formatHex(digest.digest());
                }
            }
            digest.update(b, 0, r);
            last = b[r - 1];
            at += r;
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1 digest", e);
        }
    }

    /**
     * Port of {@code FileFilter.seekToTime}: moves the position forward to the first line dated at or after
     * {@code time}, by a half-interval search over the part of the file after the current position. Lines without
     * a date are skipped (up to five after each probe).
     *
     * @param time the earliest time wanted (upstream: now minus findtime)
     * @param dater finds the time written in a line
     * @throws IOException when the file cannot be read
     */
    public void seekToTime(Instant time, LineDater dater) throws IOException {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(dater, "dater");
        FileChannel ch = channel;
        boolean own = false;
        if (ch == null) {
            try {
                ch = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return;
            }
            own = true;
        }
        try {
            new Seeker(ch).seek(time, dater);
        } finally {
            if (own) {
                ch.close();
            }
        }
    }

    /** Line reading at arbitrary offsets for the half-interval search (upstream's {@code seek}/{@code tell}). */
    private final class Seeker {
        private final FileChannel ch;
        private long at;

        Seeker(FileChannel ch) {
            this.ch = ch;
        }

        /** Upstream's {@code seek(offs, endLine)}: to {@code offs}, then past the end of that line. */
        long seekTo(long offs, boolean endLine) throws IOException {
            at = offs;
            if (offs > 0 && endLine) {
                rawLine();
            }
            return at;
        }

        /** Reads raw bytes up to and including the line end; {@code null} at the end of the file. */
        byte[] rawLine() throws IOException {
            LogEncoding enc = encoding;
            int unit = enc.newlineUnit();
            byte[] b = new byte[4096];
            int filled = 0;
            while (true) {
                if (filled == b.length) {
                    byte[] bigger = new byte[b.length * 2];
                    System.arraycopy(b, 0, bigger, 0, filled);
                    b = bigger;
                }
                int r = ch.read(ByteBuffer.wrap(b, filled, b.length - filled), at + filled);
                if (r <= 0) {
                    break;
                }
                int nl = findNewline(b, enc, unit, 0, filled - (filled % unit), filled + r);
                filled += r;
                if (nl >= 0) {
                    filled = nl + unit;
                    break;
                }
            }
            if (filled == 0) {
                return null;
            }
            at += filled;
            byte[] line = new byte[filled];
            System.arraycopy(b, 0, line, 0, filled);
            return line;
        }

        /** Upstream's {@code readline(complete=False)}: the next line, complete or not, or {@code null}. */
        String line() throws IOException {
            byte[] raw = rawLine();
            if (raw == null) {
                return null;
            }
            int unit = encoding.newlineUnit();
            int len = raw.length;
            if (len >= unit && encoding.isNewlineAt(raw, len - unit)) {
                len -= unit;
            }
            return decodeLine(raw, 0, len, raw.length);
        }

        void seek(Instant date, LineDater dater) throws IOException {
            long fs = ch.size();
            if (fs == 0) {
                return;
            }
            long minp = pos;
            long maxp = fs;
            Long tryPos = minp;
            long lastPos = -1;
            Instant foundTime = null;
            int movecntr = 3;
            long p;
            while (maxp > minp) {
                if (tryPos == null) {
                    p = minp + (maxp - minp) / 2;
                } else {
                    p = tryPos;
                    tryPos = null;
                }
                p = Math.max(0, p - 2);
                long seekpos = seekTo(p, true);
                p = seekpos;
                int lncntr = 5;
                Optional<Instant> dateTime = Optional.empty();
                Long nextp = null;
                while (true) {
                    String line = line();
                    if (line == null) {
                        break;
                    }
                    dateTime = dater.timeOf(line);
                    if (dateTime.isEmpty()) {
                        nextp = at;
                        if (nextp > maxp) {
                            p = seekpos;
                            break;
                        }
                        p = nextp;
                    }
                    if (dateTime.isEmpty() && lncntr > 0) {
                        lncntr--;
                        continue;
                    }
                    break;
                }
                if (dateTime.isPresent()) {
                    Instant t = dateTime.get();
                    if (!t.isBefore(date)) {
                        if (foundTime == null || !t.isAfter(foundTime)) {
                            foundTime = t;
                        }
                        if (p == maxp) {
                            p = seekpos;
                        }
                        if (p < maxp) {
                            maxp = p;
                        }
                    } else {
                        if (foundTime == null || !t.isBefore(foundTime)) {
                            foundTime = t;
                        }
                        if (nextp == null) {
                            nextp = at;
                        }
                        p = nextp;
                        if (p > minp) {
                            minp = p;
                        }
                    }
                }
                if (p == lastPos) {
                    movecntr--;
                    if (movecntr <= 0) {
                        break;
                    }
                    if (minp != lastPos) {
                        lastPos = minp;
                        tryPos = minp;
                        continue;
                    }
                    break;
                }
                lastPos = p;
            }
            pos = seekTo(minp, false);
        }
    }

    private void closeChannel() throws IOException {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    private void closeRetired() throws IOException {
        FileChannel ch = retired;
        retired = null;
        retiredKey = null;
        if (ch != null) {
            ch.close();
        }
    }

    /** Closes the open file handles; the position and hash are kept, so reading can go on later. */
    @Override
    public void close() throws IOException {
        try {
            closeChannel();
        } finally {
            closeRetired();
        }
    }

    @Override
    public String toString() {
        return "file-log:" + sourceId;
    }
}
