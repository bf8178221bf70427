package org.fail2ban4j.regextool;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.fail2ban4j.source.PyUtf8;

/**
 * Port of {@code fail2ban/server/filter.py:FileContainer} opened with {@code doOpen=True} ({@code readline},
 * {@code decode_line}): the lines of a log file as {@code fail2ban-regex} reads them. The file is read line by
 * line as bytes and each line is decoded in the log encoding; a line
 * that does not decode is decoded with replacement characters and reported once per file to
 * {@code onDecodeError}; line ends ({@code \r}, {@code \n}) are removed; a last line without a line end is not
 * read (upstream waits for its end). Encodings in which a newline is not the byte {@code 0x0A} (UTF-16, UTF-32)
 * are decoded as a stream and split on decoded newlines, as upstream's re-buffering achieves.
 *
 * <p>Where a newline is the byte {@code 0x0A}, a reader thread reads the file in large chunks, splits and decodes
 * the lines and hands them over in batches through a small bounded queue, so that reading overlaps the matching
 * of earlier lines; the lines come in file order, and a decoding error and a read error are told when their line
 * is reached, on the thread that iterates.
 */
final class LogFileLines implements Iterator<String>, Closeable {

    /** Told of a line that does not decode in the log encoding. */
    @FunctionalInterface
    interface DecodeErrorListener {
        /**
         * @param file the log file
         * @param line the raw line, line end included
         * @param first whether it is the first such line of this file (upstream warns once, then logs at level 7)
         */
        void decodeError(Path file, byte[] line, boolean first);
    }
    /**
     * The reader thread's read size, the number of lines per batch it hands over, and how many batches may wait.
     * The reader is many times faster than the matching, so the queue is nearly always full: every line in it
     * survives each young collection and is copied there; three batches of 1024 lines (rather than eight of 2048)
     * halve what survives (3-4 MB instead of 6-7 MB) and cut the collections' pauses by a third (41 ms instead of
     * 63 ms over the 1M-line sshd corpus), and the matching thread does not wait more.
     */
    private static final int CHUNK = 1 << 20;
    private static final int BATCH_LINES = 1024;
    private static final int FIRST_BATCH_LINES = 32;
    private static final int QUEUE_BATCHES = 3;
    /** Lines between two looks at the queue: is the iterating thread waiting for lines? */
    private static final int HURRY_CHECK = 32;
    /** Batches the iterating thread has gone through (asked for a line after their last one). */
    private volatile int finishedBatches;
    private final long scanFrom;

    /** Lines decoded by the reader thread; {@code error} (a read error) follows the lines, {@code last} ends. */
    private static final class Batch {
        final String[] lines = new String[BATCH_LINES];
        /** What the work done ahead made of each line, or null without it. */
        final Object[] scans;
        /** The raw bytes of the lines that did not decode (null where they did), or null when none did. */
        byte[][] undecoded;
        int size;
        /** What stopped the reader thread (an {@link IOException} or an unchecked throwable), or null. */
        Throwable error;
        boolean last;

        Batch(boolean scanned) {
            scans = scanned ? new Object[BATCH_LINES] : null;
        }
    }

    private final BlockingQueue<Batch> queue;
    private final Thread readerThread;
    private volatile boolean closed;
    private Batch batch;
    private int batchPos;

    private final Path path;
    private final Charset charset;
    private final boolean byteLines;
    private final InputStream in;
    private final BufferedReader reader;
    private final CharsetDecoder strict;
    private final DecodeErrorListener onDecodeError;
    private final boolean asciiCompatible;
    private boolean warned;
    private String next;
    private Object nextScan;
    private Object lastScan;
    private boolean done;
    /** Run by the reader thread on each line in order (see the constructor), or null. */
    private final Ahead ahead;

    /** Work done ahead on each line by the reader thread. */
    @FunctionalInterface
    interface Ahead {
        /**
         * @param line the line
         * @param hurry whether the iterating thread has no line left to take (the work should then be the least
         *     that must be done here)
         * @return what the iterating thread gets with the line ({@link #scanOfLast()})
         */
        Object scan(String line, boolean hurry);
    }

    /**
     * Opens the file.
     *
     * @param onDecodeError told of each line that does not decode
     * @throws IOException if the file cannot be opened
     */
    LogFileLines(Path path, Charset charset, DecodeErrorListener onDecodeError) throws IOException {
        this(path, charset, onDecodeError, null, 0);
    }

    /**
     * Opens the file, with work done ahead on the lines from {@code scanFrom} on.
     *
     * @param onDecodeError told of each line that does not decode
     * @param ahead run on each line from the first batch starting at or after line {@code scanFrom} (0: the first
     *     line), in order, by the reader thread where there is one ({@link #scanOfLast()} gives the iterating thread
     *     its result); not run where there is no reader thread, nor on the lines not read before {@link #close()}.
     *     Its first line is scanned only once the iterating thread has gone through every line before it (asked
     *     {@link #hasNext()} after the last of them), so that it may take over work the iterating thread did on
     *     the lines before
     * @param scanFrom the line (counted from 0) from which on the work is done ahead
     * @throws IOException if the file cannot be opened
     */
    LogFileLines(Path path, Charset charset, DecodeErrorListener onDecodeError, Ahead ahead, long scanFrom)
            throws IOException {
        this.scanFrom = scanFrom;
        this.path = path;
        this.charset = charset.equals(StandardCharsets.UTF_8) ? StandardCharsets.UTF_8
                : charset.equals(StandardCharsets.ISO_8859_1) ? StandardCharsets.ISO_8859_1
                : charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.US_ASCII : charset;
        this.onDecodeError = onDecodeError;
        byte[] nl = "\n".getBytes(charset);
        this.byteLines = nl.length == 1 && nl[0] == '\n' && charset.newEncoder().canEncode('\n');
        InputStream raw = Files.newInputStream(path);
        if (byteLines) {
            this.in = raw;
            this.reader = null;
        } else {
            this.in = raw;
            this.reader = new BufferedReader(new InputStreamReader(raw, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
        }
        this.asciiCompatible = this.charset == StandardCharsets.UTF_8 || this.charset == StandardCharsets.ISO_8859_1
                || this.charset == StandardCharsets.US_ASCII;
        this.strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.ahead = byteLines ? ahead : null;
        if (byteLines) {
            this.queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
            this.readerThread = new Thread(this::readAll, "log-reader");
            readerThread.setDaemon(true);
            readerThread.start();
        } else {
            this.queue = null;
            this.readerThread = null;
        }
    }

    /** Whether lines had to be decoded with replacement characters. */
    boolean hadDecodeErrors() {
        return warned;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = byteLines ? takeLine() : readCharLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (next == null) {
                done = true;
            }
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String l = next;
        next = null;
        lastScan = nextScan;
        nextScan = null;
        return l;
    }

    /** What the work done ahead made of the line {@link #next()} gave last; null where none was done. */
    Object scanOfLast() {
        return lastScan;
    }

    /** The next line from the reader thread's batches, or null at the end. */
    private String takeLine() throws IOException {
        while (batch == null || batchPos >= batch.size) {
            if (batch != null && (batch.error != null || batch.last)) {
                Throwable e = batch.error;
                batch.error = null;
                batch.last = true;
                if (e instanceof IOException) {
                    throw (IOException) e;
                }
                if (e instanceof RuntimeException) {
                    throw (RuntimeException) e;
                }
                if (e != null) {
                    throw (Error) e;
                }
                return null;
            }
            if (batch != null) {
                finishedBatches++; // only this thread writes it
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + path, e);
            }
            batchPos = 0;
        }
        int i = batchPos++;
        String line = batch.lines[i];
        batch.lines[i] = null;
        if (batch.scans != null) {
            nextScan = batch.scans[i];
            batch.scans[i] = null;
        }
        if (batch.undecoded != null && batch.undecoded[i] != null) {
            onDecodeError.decodeError(path, batch.undecoded[i], !warned);
            warned = true;
        }
        return line;
    }

    /** The reader thread: reads the whole file and hands its lines over in batches, then a last batch. */
    private void readAll() {
        Batch b = new Batch(ahead != null);
        // the first batches are small, so that the iterating thread starts on the first lines while the reader
        // decodes the next ones (decoding a whole batch before the compilers have seen the code takes milliseconds)
        int batchLines = FIRST_BATCH_LINES;
        boolean hurry = true;
        long lineNo = 0;
        int handed = 0;
        boolean scanning = false;
        try {
            byte[] chunk = new byte[CHUNK];
            int start = 0;
            int end = 0;
            while (!closed) {
                if (end == chunk.length) {
                    if (start > 0) {
                        System.arraycopy(chunk, start, chunk, 0, end - start);
                        end -= start;
                        start = 0;
                    } else {
                        chunk = java.util.Arrays.copyOf(chunk, chunk.length * 2);
                    }
                }
                int n = in.read(chunk, end, chunk.length - end);
                if (n <= 0) {
                    break; // a last line without its line end is not read
                }
                int scan = end;
                end += n;
                int nl;
                while ((nl = indexOfNewline(chunk, scan, end)) < end) {
                    String line = decode(chunk, start, nl + 1 - start);
                    if (line == null) {
                        if (b.undecoded == null) {
                            b.undecoded = new byte[BATCH_LINES][];
                        }
                        b.undecoded[b.size] = java.util.Arrays.copyOfRange(chunk, start, nl + 1);
                        line = replacing(b.undecoded[b.size]);
                    }
                    if (ahead != null && !scanning && b.size == 0 && lineNo >= scanFrom) {
                        // the lines handed so far were not scanned: the iterating thread must be through them
                        // before the first scan (the work ahead takes over what it did on each line)
                        while (finishedBatches < handed && !closed) {
                            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                        }
                        scanning = true;
                    }
                    if (scanning) {
                        if ((b.size & (HURRY_CHECK - 1)) == 0) {
                            hurry = queue.isEmpty();
                        }
                        b.scans[b.size] = ahead.scan(line, hurry);
                    }
                    lineNo++;
                    b.lines[b.size++] = line;
                    if (b.size == batchLines) {
                        hand(b);
                        handed++;
                        b = new Batch(ahead != null);
                        batchLines = Math.min(BATCH_LINES, batchLines * 4);
                    }
                    start = nl + 1;
                    scan = start;
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (IOException | RuntimeException | Error e) {
            b.error = e;
        }
        b.last = true;
        try {
            hand(b);
        } catch (InterruptedException e) {
            // closed: nobody waits for the lines
        }
    }

    private void hand(Batch b) throws InterruptedException {
        if (!closed) {
            queue.put(b);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first {@code '\n'} in {@code b[from, to)}, or {@code to}: eight bytes at a time (a byte
     * equal to the newline becomes zero; the lowest byte flagged by the zero-byte test is the first zero, as a
     * borrow only runs towards higher bytes).
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private String readCharLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            sb.append((char) c);
            if (c == '\n') {
                return stripLineEnd(sb);
            }
        }
        return null;
    }

    /**
     * The line {@code line[off, off + len)} (line end included) decoded, without its line end, or null if it does
     * not decode (see {@link #replacing}). In UTF-8,
     * Latin-1 and ASCII the line end is cut off as bytes and a line decodes straight into a String: a UTF-8 line
     * whose decoding holds no replacement character is valid; only other lines take the strict decoder.
     */
    private String decode(byte[] line, int off, int len) {
        if (asciiCompatible) {
            int end = off + len;
            while (end > off && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
                end--;
            }
            if (charset == StandardCharsets.UTF_8) {
                String s = new String(line, off, end - off, StandardCharsets.UTF_8);
                if (s.indexOf('\uFFFD') < 0) {
                    return s;
                }
            } else if (charset == StandardCharsets.ISO_8859_1 || ascii(line, off, end)) {
                return new String(line, off, end - off, StandardCharsets.ISO_8859_1);
            }
        }
        try {
            return stripLineEnd(strict.reset().decode(ByteBuffer.wrap(line, off, len)));
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A line that does not decode (line end included), decoded with replacement characters, without its end. */
    private String replacing(byte[] raw) {
        return stripLineEnd(charset.equals(StandardCharsets.UTF_8) ? PyUtf8.decodeReplacing(raw, 0, raw.length)
                : new String(raw, charset));
    }

    private static boolean ascii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripLineEnd(CharSequence s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\n' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return s.subSequence(0, e).toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (readerThread != null) {
            readerThread.interrupt();
            queue.clear();
            try {
                readerThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        in.close();
    }
}
