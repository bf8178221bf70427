package org.fail2ban4j.client;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyText;
import org.fail2ban4j.protocol.PyTuple;

/**
 * Port of {@code fail2ban/client/beautifier.py:Beautifier}: the text {@code fail2ban-client} prints for a server's
 * reply to a command (status trees, the statistics table, lists of files, regexes, addresses...), reproduced
 * exactly, including upstream's fallback when a reply does not have the expected shape (the {@code repr} of the
 * message built so far followed by the {@code repr} of the reply).
 *
 * <p>Commands and replies are plain wire values as {@link org.fail2ban4j.protocol.PickleCodec} decodes them. The
 * returned text is what Python's {@code print()} writes, without the final newline.
 */
public final class StatusFormatter {
    private static final String[] ASCII = {"|", "-", "|", "x", "x", "-", "|", "-"};
    private static final String[] UTF8 = {"\u2551", "\u2550", "\u255F", "\u256B", "\u256C", "\u2569", "\u2502",
        "\u2500"};
    private static final String[] TOPHEAD = {"Jail", "Backend", "Filter", "Actions"};
    private static final String[] HEADERS = {"", "", "cur", "tot", "cur", "tot"};
    private static final int[] MINLENS = {8, 8, 3, 3, 3, 3};

    private final String[] table;

    /**
     * A formatter; {@code utf8} chooses the box-drawing characters of the {@code stats} table (upstream uses them
     * when standard output is UTF-8, ASCII otherwise).
     */
    public StatusFormatter(boolean utf8) {
        this.table = utf8 ? UTF8 : ASCII;
    }

    /**
     * Upstream {@code beautify(response)} for the command {@code command}.
     *
     * @param command the command as sent (e.g. {@code ["status", "sshd"]})
     * @param response the reply value ({@code null} for None)
     * @return the text to print
     */
    public String format(List<?> command, Object response) {
        Objects.requireNonNull(command, "command");
        Run r = new Run(command, response);
        try {
            r.beautify();
        } catch (PyFailure | ClassCastException | IndexOutOfBoundsException e) {
            return PyText.repr(r.msg) + PyText.repr(r.response);
        }
        return PyText.str(r.msg);
    }

    /**
     * Upstream {@code beautifyError(response)}: the text printed for an error reply.
     *
     * @param command the command as sent
     * @param error the exception of the reply
     * @return "Sorry but the jail 'x' does not exist", "Sorry but the command is invalid", "The jail 'x' already
     *     exists", or the exception's message
     */
    public String formatError(List<?> command, PyException error) {
        Objects.requireNonNull(error, "error");
        if (error.isFail2ban("UnknownJailException") && !error.args().isEmpty()) {
            return "Sorry but the jail '" + PyText.str(error.args().get(0)) + "' does not exist";
        }
        if (error.isBuiltin("IndexError")) {
            return "Sorry but the command is invalid";
        }
        if (error.isFail2ban("DuplicateJailException") && !error.args().isEmpty()) {
            return "The jail '" + PyText.str(error.args().get(0)) + "' already exists";
        }
        return error.message();
    }

    /** Python's name of a log level number ({@code logging.getLevelName} with fail2ban's additions). */
    static String levelName(long level) {
        switch ((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, level))) {
            case 0: return "NOTSET";
            case 5: return "HEAVY";
            case 7: return "TRACE";
            case 10: return "DEBUG";
            case 18: return "MSG";
            case 20: return "INFO";
            case 25: return "NOTICE";
            case 30: return "WARNING";
            case 40: return "ERROR";
            case 50: return "CRITICAL";
            default:
                if (level > 0 && level < 50) {
                    return String.format("#%02d-Lev.", level);
                }
                return "Level " + level;
        }
    }

    /** A Python exception inside {@code beautify}: upstream catches it and prints the fallback. */
    private static final class PyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PyFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** One {@code beautify} call: {@code msg} evolves as in upstream, so the fallback shows the same value. */
    private final class Run {
        private final List<?> inC;
        private Object response;
        private Object msg;

        Run(List<?> inC, Object response) {
            this.inC = inC;
            this.response = response;
            this.msg = response;
        }

        private Object in(int i) {
            return item(inC, i);
        }

        private boolean inIs(int i, String s) {
            return inC.size() > i && s.equals(inC.get(i));
        }

        void beautify() {
            Object c0 = in(0);
            if ("ping".equals(c0)) {
                msg = "Server replied: " + concat(response);
            } else if ("version".equals(c0)) {
                msg = response;
            } else if ("start".equals(c0)) {
                msg = "Jail started";
            } else if ("stop".equals(c0)) {
                if (response == null) {
                    msg = inC.size() == 1 ? "Shutdown successful" : "Jail stopped";
                }
            } else if ("add".equals(c0)) {
                msg = "Added jail " + concat(response);
            } else if ("flushlogs".equals(c0)) {
                msg = "logs: " + concat(response);
            } else if ("echo".equals(c0)) {
                msg = join(" ", msg);
            } else if ("status".equals(c0)) {
                status();
            } else if ("stats".equals(c0) || "statistics".equals(c0)) {
                if (!truthy(response)) {
                    msg = "No jails found.";
                    return;
                }
                msg = String.join("\n", statsTable());
            } else if (inC.size() < 2) {
                return;
            } else if (inIs(1, "syslogsocket")) {
                msg = "Current syslog socket is:\n";
                msg = msg + "`- " + concat(response);
            } else if (inIs(1, "logtarget")) {
                msg = "Current logging target is:\n";
                msg = msg + "`- " + concat(response);
            } else if (inIs(1, "loglevel")) {
                msg = "Current logging level is ";
                Object level = response instanceof Long || response instanceof Boolean
                        || response instanceof BigInteger ? levelName(asLong(response)) : response;
                msg = msg + PyText.repr(level);
            } else if (inIs(1, "dbfile")) {
                if (response == null) {
                    msg = "Database currently disabled";
                } else {
                    msg = "Current database file is:\n";
                    msg = msg + "`- " + concat(response);
                }
            } else if (inIs(1, "dbpurgeage")) {
                if (response == null) {
                    msg = "Database currently disabled";
                } else {
                    msg = "Current database purge age is:\n";
                    msg = msg + "`- " + percentI(response) + "seconds";
                }
            } else if (inC.size() < 3) {
                return;
            } else {
                jailInfo();
            }
        }

        private void jailInfo() {
            Object c2 = in(2);
            if ("logpath".equals(c2) || "addlogpath".equals(c2) || "dellogpath".equals(c2)) {
                if (len(response) == 0) {
                    msg = "No file is currently monitored";
                } else {
                    msg = "Current monitored log file(s):\n";
                    List<Object> items = items(response);
                    for (int i = 0; i < items.size() - 1; i++) {
                        msg = msg + "|- " + concat(items.get(i)) + "\n";
                    }
                    msg = msg + "`- " + concat(items.get(items.size() - 1));
                }
            } else if ("logencoding".equals(c2)) {
                msg = "Current log encoding is set to:\n";
                msg = msg + concat(response);
            } else if ("journalmatch".equals(c2) || "addjournalmatch".equals(c2) || "deljournalmatch".equals(c2)) {
                if (len(response) == 0) {
                    msg = "No journal match filter set";
                } else {
                    msg = "Current match filter:\n";
                    List<String> parts = new ArrayList<>();
                    for (Object res : items(response)) {
                        parts.add(join(" ", res));
                    }
                    msg = msg + String.join(" + ", parts);
                }
            } else if ("datepattern".equals(c2)) {
                msg = "Current date pattern set to: ";
                if (response == null) {
                    msg = msg + "Not set/required";
                } else if (item(response, 0) == null) {
                    msg = msg + PyText.str(item(response, 1));
                } else {
                    if (!(response instanceof PyTuple) || ((PyTuple) response).size() != 2) {
                        throw new PyFailure("not enough arguments for format string");
                    }
                    msg = msg + PyText.str(item(response, 0)) + " (" + PyText.str(item(response, 1)) + ")";
                }
            } else if ("ignoreip".equals(c2) || "addignoreip".equals(c2) || "delignoreip".equals(c2)) {
                if (len(response) == 0) {
                    msg = "No IP address/network is ignored";
                } else {
                    msg = "These IP addresses/networks are ignored:\n";
                    List<Object> items = items(response);
                    for (int i = 0; i < items.size() - 1; i++) {
                        msg = msg + "|- " + PyText.str(items.get(i)) + "\n";
                    }
                    msg = msg + "`- " + PyText.str(items.get(items.size() - 1));
                }
            } else if ("failregex".equals(c2) || "addfailregex".equals(c2) || "delfailregex".equals(c2)
                    || "ignoreregex".equals(c2) || "addignoreregex".equals(c2) || "delignoreregex".equals(c2)) {
                if (len(response) == 0) {
                    msg = "No regular expression is defined";
                } else {
                    msg = "The following regular expression are defined:\n";
                    List<Object> items = items(response);
                    int c = 0;
                    for (int i = 0; i < items.size() - 1; i++) {
                        msg = msg + "|- [" + c + "]: " + concat(items.get(i)) + "\n";
                        c++;
                    }
                    msg = msg + "`- [" + c + "]: " + concat(items.get(items.size() - 1));
                }
            } else if ("actions".equals(c2)) {
                if (len(response) == 0) {
                    msg = "No actions for jail " + PyText.str(in(1));
                } else {
                    msg = "The jail " + PyText.str(in(1)) + " has the following actions:\n";
                    msg = msg + join(", ", response);
                }
            } else if ("actionproperties".equals(c2) || "actionmethods".equals(c2)) {
                String what = "actionproperties".equals(c2) ? "properties" : "methods";
                if (len(response) == 0) {
                    msg = "No " + what + " for jail " + PyText.str(in(1)) + " action " + PyText.str(in(3));
                } else {
                    msg = "The jail " + PyText.str(in(1)) + " action " + PyText.str(in(3)) + " has the following "
                            + what + ":\n";
                    msg = msg + join(", ", response);
                }
            } else if ("banip".equals(c2) && "get".equals(in(0))) {
                if (response instanceof List) {
                    Object sep = inC.size() <= 3 ? " " : in(3);
                    if ("--with-time".equals(sep)) {
                        sep = "\n";
                    }
                    msg = join(concat(sep), response);
                }
            }
        }

        private void status() {
            List<String> lines = new ArrayList<>();
            if (inC.size() > 1 && !"--all".equals(inC.get(1))) {
                lines.add("Status for the jail: " + PyText.str(in(1)));
                msg = lines;
                jailStat(lines, response, "");
            } else {
                Object jstat = null;
                if (inC.size() > 1) {
                    jstat = item(response, -1);
                    response = slice(response, 0, len(response) - 1);
                }
                lines.add("Status");
                msg = lines;
                List<Object> server = iterate(response);
                for (int n = 0; n < server.size(); n++) {
                    Object res1 = server.get(n);
                    String prefix1 = !truthy(jstat) && n == server.size() - 1 ? "`-" : "|-";
                    lines.add(prefix1 + " " + PyText.str(item(res1, 0)) + ":\t" + value(item(res1, 1)));
                }
                if (truthy(jstat)) {
                    if (!(jstat instanceof Map)) {
                        throw new PyFailure("'" + PyText.repr(jstat) + "' object has no attribute 'items'");
                    }
                    lines.add("`- Status for the jails:");
                    Map<?, ?> jails = (Map<?, ?>) jstat;
                    int i = 0;
                    for (Map.Entry<?, ?> e : jails.entrySet()) {
                        i++;
                        boolean last = i == jails.size();
                        lines.add("   " + (last ? "`-" : "|-") + " Jail: " + PyText.str(e.getKey()));
                        jailStat(lines, e.getValue(), last ? "      " : "   |  ");
                    }
                }
            }
            msg = String.join("\n", lines);
        }

        private void jailStat(List<String> lines, Object stat, String pref) {
            List<Object> groups = iterate(stat);
            for (int n = 0; n < groups.size(); n++) {
                Object res1 = groups.get(n);
                boolean lastGroup = n == groups.size() - 1;
                lines.add(pref + (lastGroup ? "`-" : "|-") + " " + PyText.str(item(res1, 0)));
                String prefix1 = pref + (lastGroup ? "   " : "|  ");
                List<Object> entries = iterate(item(res1, 1));
                for (int m = 0; m < entries.size(); m++) {
                    Object res2 = entries.get(m);
                    String prefix2 = prefix1 + (m == entries.size() - 1 ? "`-" : "|-");
                    lines.add(prefix2 + " " + PyText.str(item(res2, 0)) + ":\t" + value(item(res2, 1)));
                }
            }
        }

        /** A status value: a list is joined with spaces (each item by {@code str}), anything else by {@code str}. */
        private String value(Object v) {
            if (v instanceof List) {
                List<String> parts = new ArrayList<>();
                for (Object o : (List<?>) v) {
                    parts.add(PyText.str(o));
                }
                return String.join(" ", parts);
            }
            return PyText.str(v);
        }

        private List<String> statsTable() {
            if (!(response instanceof Map)) {
                throw new PyFailure("'" + PyText.repr(response) + "' object has no attribute 'items'");
            }
            List<String[]> rows = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) response).entrySet()) {
                List<String> row = new ArrayList<>();
                row.add(PyText.str(e.getKey()));
                row.add(PyText.str(item(e.getValue(), 0)));
                for (Object o : iterate(item(e.getValue(), 1))) {
                    row.add(PyText.str(o));
                }
                for (Object o : iterate(item(e.getValue(), 2))) {
                    row.add(PyText.str(o));
                }
                if (row.size() != 6) {
                    throw new PyFailure("a statistics row has " + row.size() + " columns, not 6");
                }
                rows.add(row.toArray(new String[0]));
            }
            int[] lens = new int[6];
            for (int i = 0; i < 6; i++) {
                lens[i] = MINLENS[i];
                for (String[] row : rows) {
                    lens[i] = Math.max(lens[i], width(row[i]));
                }
            }
            String[] ct = table;
            int[] tlens = {lens[0], lens[1], 3 + lens[2] + lens[3], 3 + lens[4] + lens[5]};
            String col = " " + ct[0] + " ";
            String inner = " " + ct[6] + " ";
            List<String> ret = new ArrayList<>();
            ret.add(" " + left("", lens[0]) + col + left("", lens[1]) + col + left(TOPHEAD[2], tlens[2]) + col
                    + left(TOPHEAD[3], tlens[3]));
            ret.add(" " + left(TOPHEAD[0], lens[0]) + col + left(TOPHEAD[1], lens[1]) + " " + ct[2] + ct[7]
                    + ct[7].repeat(tlens[2]) + ct[7] + ct[3] + ct[7] + ct[7].repeat(tlens[3]) + ct[7]);
            ret.add(" " + row(HEADERS, lens, col, inner));
            ret.add(ct[1] + rule(tlens, ct[1], ct[4]));
            for (String[] row : rows) {
                ret.add(" " + row(row, lens, col, inner));
            }
            ret.add(ct[1] + rule(tlens, ct[1], ct[5]));
            return ret;
        }

        private String row(String[] cells, int[] lens, String col, String inner) {
            return left(cells[0], lens[0]) + col + left(cells[1], lens[1]) + col + right(cells[2], lens[2]) + inner
                    + right(cells[3], lens[3]) + col + right(cells[4], lens[4]) + inner + right(cells[5], lens[5]);
        }

        private String rule(int[] tlens, String line, String cross) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < tlens.length; i++) {
                if (i > 0) {
                    sb.append(line).append(cross).append(line);
                }
                sb.append(line.repeat(tlens[i]));
            }
            return sb.append(line).toString();
        }
    }

    // ------------------------------------------------------------------ Python semantics of the reply values

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String left(String s, int n) {
        return s + " ".repeat(Math.max(0, n - width(s)));
    }

    private static String right(String s, int n) {
        return " ".repeat(Math.max(0, n - width(s))) + s;
    }

    /** {@code "text" + value}: only a string can be added to a string. */
    private static String concat(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        throw new PyFailure("can only concatenate str (not \"" + typeName(v) + "\") to str");
    }

    /** {@code sep.join(items)}: every item must be a string. */
    private static String join(String sep, Object items) {
        List<String> parts = new ArrayList<>();
        for (Object o : iterate(items)) {
            parts.add(concat(o));
        }
        return String.join(sep, parts);
    }

    /** {@code "%i" % v}. */
    private static String percentI(Object v) {
        if (v instanceof Long || v instanceof BigInteger || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "1" : "0";
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new PyFailure("cannot convert float to integer");
            }
            return new java.math.BigDecimal(d).toBigInteger().toString();
        }
        throw new PyFailure("%i format: a real number is required, not " + typeName(v));
    }

    private static long asLong(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            return b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return ((Number) v).longValue();
    }

    private static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue() != 0;
        }
        if (v instanceof Double) {
            return (Double) v != 0.0;
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).signum() != 0;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).length != 0;
        }
        return len(v) != 0;
    }

    /** Python's {@code len(v)}. */
    private static int len(Object v) {
        if (v instanceof List) {
            return ((List<?>) v).size();
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).size();
        }
        if (v instanceof String) {
            return width((String) v);
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v).size();
        }
        if (v instanceof Collection) {
            return ((Collection<?>) v).size();
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).length;
        }
        throw new PyFailure("object of type '" + typeName(v) + "' has no len()");
    }

    /** Python's {@code v[i]} (negative indexes count from the end). */
    private static Object item(Object v, int i) {
        if (v instanceof List || v instanceof PyTuple || v instanceof String) {
            List<Object> items = items(v);
            int k = i < 0 ? items.size() + i : i;
            if (k < 0 || k >= items.size()) {
                throw new PyFailure("index out of range");
            }
            return items.get(k);
        }
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            Long key = (long) i;
            if (!m.containsKey(key)) {
                throw new PyFailure(String.valueOf(i));
            }
            return m.get(key);
        }
        throw new PyFailure("'" + typeName(v) + "' object is not subscriptable");
    }

    /** Python's {@code v[from:to]} of a list or tuple. */
    private static Object slice(Object v, int from, int to) {
        List<Object> items = items(v);
        List<Object> part = new ArrayList<>(items.subList(Math.min(from, items.size()), Math.max(from,
                Math.min(to, items.size()))));
        return v instanceof PyTuple ? new PyTuple(part) : part;
    }

    /** The items of a sequence (list, tuple, the characters of a string). */
    private static List<Object> items(Object v) {
        if (v instanceof List) {
            return new ArrayList<>((List<?>) v);
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).items();
        }
        if (v instanceof String) {
            List<Object> chars = new ArrayList<>();
            ((String) v).codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars;
        }
        throw new PyFailure("'" + typeName(v) + "' object is not subscriptable");
    }

    /** Python's iteration: sequences, the keys of a dict, the items of a set. */
    private static List<Object> iterate(Object v) {
        if (v instanceof Map) {
            return new ArrayList<>(((Map<?, ?>) v).keySet());
        }
        if (v instanceof Collection && !(v instanceof List)) {
            return new ArrayList<>((Collection<?>) v);
        }
        if (v instanceof List || v instanceof PyTuple || v instanceof String) {
            return items(v);
        }
        throw new PyFailure("'" + typeName(v) + "' object is not iterable");
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }
}
