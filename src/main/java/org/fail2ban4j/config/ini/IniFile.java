package org.fail2ban4j.config.ini;

import org.fail2ban4j.regex.PyStrings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One configuration file parsed with the rules of Python's {@code configparser.ConfigParser} as fail2ban sets it up
 * (port of the reading part of {@code fail2ban/client/configparserinc.py:SafeConfigParserWithIncludes}, which
 * relies on Python's {@code RawConfigParser._read}).
 *
 * <p>The rules: {@code [section]} headers ({@code DEFAULT} is the defaults section), {@code key = value} and
 * {@code key: value} (the first {@code =} or {@code :} splits), option names folded to lower case, lines whose
 * stripped text starts with {@code #} or {@code ;} are comments, {@code ;} after whitespace starts an inline
 * comment ({@code #} never does), lines indented deeper than their option's line continue its value, blank lines
 * inside a value are kept (trailing ones are dropped), a section or an option given twice in one file is an
 * error, and malformed lines are collected and reported together at the end of the file.
 *
 * <p>ini4j is not used: it cannot read these files (continuation lines become new keys, option names keep their
 * case, {@code #} after a value is treated as a comment).
 */
public final class IniFile {
    /** Name of the defaults section. */
    public static final String DEFAULT = "DEFAULT";

    private final String path;
    private final Map<String, String> defaults;
    private final Map<String, Map<String, String>> sections;
    private final Map<String, Map<String, SourceLocation>> locations;

    private IniFile(String path, Map<String, String> defaults, Map<String, Map<String, String>> sections,
            Map<String, Map<String, SourceLocation>> locations) {
        this.path = path;
        this.defaults = defaults;
        this.sections = sections;
        this.locations = locations;
    }

    /** The path the file was read from, as given. */
    public String path() {
        return path;
    }

    /** Options of the {@code [DEFAULT]} section, in file order (read-only). */
    public Map<String, String> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    /** Sections other than DEFAULT, in file order, with their options in file order (read-only views). */
    public Map<String, Map<String, String>> sections() {
        return Collections.unmodifiableMap(sections);
    }

    /** Where an option was defined; section {@link #DEFAULT} for defaults. Null if unknown. */
    public SourceLocation location(String section, String option) {
        Map<String, SourceLocation> m = locations.get(section);
        return m == null ? null : m.get(option);
    }

    /** All locations of one section (DEFAULT included), option name to location. */
    public Map<String, SourceLocation> locations(String section) {
        return locations.getOrDefault(section, Map.of());
    }

    /**
     * Reads and parses a file as UTF-8.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws ConfigException if it cannot be decoded or does not parse
     */
    public static IniFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ConfigException("Error decoding config file '" + file + "': 'utf-8' codec can't decode byte 0x"
                    + String.format("%02x", bytes[bad] & 0xff) + " in position " + bad + ": invalid start byte",
                    new SourceLocation(file.toString(), line));
        }
        dec.flush(out);
        out.flip();
        String text = out.toString();
        return parse(file.toString(), text);
    }

    /** Parses text that was read from {@code path} (used in messages and locations). */
    public static IniFile parse(String path, String text) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Map<String, SourceLocation>> locations = new LinkedHashMap<>();
        // values under construction: section -> option -> lines (null for the DEFAULT section key)
        Map<String, Map<String, List<String>>> building = new LinkedHashMap<>();
        Set<String> addedSections = new HashSet<>();
        Set<String> addedOptions = new HashSet<>();
        List<String> errors = new ArrayList<>();

        String sectName = null;
        Map<String, List<String>> cursect = null;
        String optName = null;
        int indentLevel = 0;
        List<String> lines = splitLines(text);
        for (int idx = 0; idx < lines.size(); idx++) {
            int lineno = idx + 1;
            String line = lines.get(idx);
            int commentStart = inlineCommentStart(line);
            String stripped = PyStrings.strip(line);
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                commentStart = 0;
            }
            String value = PyStrings.strip(commentStart < 0 ? line : line.substring(0, commentStart));
            if (value.isEmpty()) {
                // blank lines are kept inside multi-line values, comment lines are not
                if (commentStart < 0 && cursect != null && optName != null && cursect.get(optName) != null) {
                    cursect.get(optName).add("");
                }
                continue;
            }
            int curIndent = 0;
            while (curIndent < line.length() && PyStrings.isSpace(line.charAt(curIndent))) {
                curIndent++;
            }
            if (cursect != null && optName != null && curIndent > indentLevel) {
                cursect.get(optName).add(value);
                continue;
            }
            indentLevel = curIndent;
            String header = sectionHeader(value);
            if (header != null) {
                sectName = header;
                if (DEFAULT.equals(header)) {
                    cursect = building(building, DEFAULT);
                } else {
                    if (!addedSections.add(header)) {
                        throw new ConfigException("While reading from " + PyStrings.repr(path) + " [line " + pad(lineno)
                                + "]: section " + PyStrings.repr(header) + " already exists",
                                new SourceLocation(path, lineno));
                    }
                    cursect = building(building, header);
                }
                optName = null;
            } else if (cursect == null) {
                throw new ConfigException("File contains no section headers.\nfile: " + PyStrings.repr(path)
                        + ", line: " + lineno + "\n" + PyStrings.repr(line), new SourceLocation(path, lineno));
            } else {
                int delim = optionDelimiter(value);
                if (delim < 0) {
                    errors.add("\n\t[line " + pad(lineno) + "]: " + PyStrings.repr(line));
                    continue;
                }
                String name = PyStrings.rstrip(value.substring(0, delim)).toLowerCase(java.util.Locale.ROOT);
                if (name.isEmpty()) {
                    errors.add("\n\t[line " + pad(lineno) + "]: " + PyStrings.repr(line));
                }
                if (!addedOptions.add(sectName + "\u0000" + name)) {
                    throw new ConfigException("While reading from " + PyStrings.repr(path) + " [line " + pad(lineno)
                            + "]: option " + PyStrings.repr(name) + " in section " + PyStrings.repr(sectName)
                            + " already exists", new SourceLocation(path, lineno));
                }
                optName = name;
                List<String> vl = new ArrayList<>(2);
                vl.add(PyStrings.strip(value.substring(delim + 1)));
                cursect.put(name, vl);
                Map<String, SourceLocation> locs = locations.get(sectName);
                if (locs == null) {
                    locs = new LinkedHashMap<>();
                    locations.put(sectName, locs);
                }
                locs.put(name, new SourceLocation(path, lineno));
            }
        }
        for (Map.Entry<String, Map<String, List<String>>> s : building.entrySet()) {
            Map<String, String> target = DEFAULT.equals(s.getKey()) ? defaults : new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> o : s.getValue().entrySet()) {
                target.put(o.getKey(), PyStrings.rstrip(String.join("\n", o.getValue())));
            }
            if (!DEFAULT.equals(s.getKey())) {
                sections.put(s.getKey(), target);
            }
        }
        if (!errors.isEmpty()) {
            String first = errors.get(0);
            int ln = Integer.parseInt(first.substring(first.indexOf("[line") + 5, first.indexOf(']')).trim());
            throw new ConfigException("Source contains parsing errors: " + PyStrings.repr(path) + String.join("", errors),
                    new SourceLocation(path, ln));
        }
        return new IniFile(path, defaults, sections, locations);
    }

    /** The section's options under construction, created on first use (no lambda: the client's start-up). */
    private static Map<String, List<String>> building(Map<String, Map<String, List<String>>> building, String name) {
        Map<String, List<String>> m = building.get(name);
        if (m == null) {
            m = new LinkedHashMap<>();
            building.put(name, m);
        }
        return m;
    }

    private static String pad(int n) {
        return n < 10 ? " " + n : Integer.toString(n);
    }

    /** Lines as Python's universal-newline text reading yields them, each line end turned into {@code \n}. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i) + "\n");
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Index of a {@code ;} at the line start or after whitespace, or -1. */
    private static int inlineCommentStart(String line) {
        int from = 0;
        while (true) {
            int i = line.indexOf(';', from);
            if (i < 0) {
                return -1;
            }
            if (i == 0 || PyStrings.isSpace(line.charAt(i - 1))) {
                return i;
            }
            from = i + 1;
        }
    }

    /** Python's {@code SECTCRE.match}: {@code \[(.+)\]} anchored at the start only, greedy to the last bracket. */
    private static String sectionHeader(String value) {
        if (value.length() < 3 || value.charAt(0) != '[') {
            return null;
        }
        int close = value.lastIndexOf(']');
        if (close < 2) {
            return null;
        }
        String header = value.substring(1, close);
        return header.indexOf('\n') >= 0 ? null : header;
    }

    /** Position of the first {@code =} or {@code :}, or -1. */
    private static int optionDelimiter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }
}
