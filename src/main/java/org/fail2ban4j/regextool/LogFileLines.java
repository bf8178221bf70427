package org.fail2ban4j.regextool;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
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

/**
 * Port of {@code fail2ban/server/filter.py:FileContainer} opened with {@code doOpen=True} ({@code readline},
 * {@code decode_line}): the lines of a log file as {@code fail2ban-regex} reads them. The file is read line by
 * line as bytes and each line is decoded in the log encoding; a line
 * that does not decode is decoded with replacement characters and reported once per file to
 * {@code onDecodeError}; line ends ({@code \r}, {@code \n}) are removed; a last line without a line end is not
 * read (upstream waits for its end). Encodings in which a newline is not the byte {@code 0x0A} (UTF-16, UTF-32)
 * are decoded as a stream and split on decoded newlines, as upstream's re-buffering achieves.
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
    private static final int MAX_BUFFER = 1 << 16;

    private final Path path;
    private final Charset charset;
    private final boolean byteLines;
    private final InputStream in;
    private final BufferedReader reader;
    private final CharsetDecoder strict;
    private final DecodeErrorListener onDecodeError;
    private final boolean asciiCompatible;
    private final byte[] buf = new byte[MAX_BUFFER];
    private int pos;
    private int limit;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
    private boolean warned;
    private String next;
    private boolean done;

    /**
     * Opens the file.
     *
     * @param onDecodeError told of each line that does not decode
     * @throws IOException if the file cannot be opened
     */
    LogFileLines(Path path, Charset charset, DecodeErrorListener onDecodeError) throws IOException {
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
    }

    /** Whether lines had to be decoded with replacement characters. */
    boolean hadDecodeErrors() {
        return warned;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = byteLines ? readByteLine() : readCharLine();
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
        return l;
    }

    private String readByteLine() throws IOException {
        lineBytes.reset();
        while (true) {
            if (pos >= limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
            }
            int start = pos;
            pos = indexOfNewline(buf, pos, limit);
            if (pos < limit) {
                pos++;
                if (lineBytes.size() == 0) {
                    return decode(buf, start, pos - start);
                }
                lineBytes.write(buf, start, pos - start);
                byte[] l = lineBytes.toByteArray();
                return decode(l, 0, l.length);
            }
            lineBytes.write(buf, start, pos - start);
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
     * The line {@code line[off, off + len)} (line end included) decoded, without its line end. In UTF-8,
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
        String s;
        try {
            s = strict.reset().decode(ByteBuffer.wrap(line, off, len)).toString();
        } catch (CharacterCodingException e) {
            byte[] raw = java.util.Arrays.copyOfRange(line, off, off + len);
            onDecodeError.decodeError(path, raw, !warned);
            warned = true;
            s = charset.equals(StandardCharsets.UTF_8) ? PyUtf8.decodeReplacing(raw, 0, raw.length)
                    : new String(raw, charset);
        }
        return stripLineEnd(s);
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
        in.close();
    }
}
