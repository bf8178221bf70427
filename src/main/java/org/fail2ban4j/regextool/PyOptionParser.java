package org.fail2ban4j.regextool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Port of {@code optparse:OptionParser} (Python's standard library), the parts that {@code fail2ban-regex} uses:
 * short options
 * (clustered, {@code -L5} or {@code -L 5}), long options ({@code --out=row} or {@code --out row}, unique prefixes
 * accepted), positional arguments anywhere, {@code --} ending the options, the actions store, store_true,
 * store_false, count, help, version and a callback that exits, {@code int} values ({@code 0x}, {@code 0o},
 * {@code 0b} and leading-zero octal as optparse reads them), optparse's error texts and its help layout
 * ({@code IndentedHelpFormatter}).
 */
final class PyOptionParser {

    /** What an option does when it is seen. */
    enum Action {
        STORE, STORE_INT, STORE_TRUE, STORE_FALSE, COUNT, HELP, VERSION, EXIT_PRINT
    }

    /**
     * One option.
     *
     * @param names the option strings in the order given ({@code -c}, {@code --config})
     * @param dest where the value is stored
     * @param action what the option does
     * @param help the help text
     * @param print for {@link Action#EXIT_PRINT}, the text printed before exiting with status 0
     */
    record Opt(List<String> names, String dest, Action action, String help, String print) {
        Opt {
            names = List.copyOf(names);
            Objects.requireNonNull(dest, "dest");
            Objects.requireNonNull(action, "action");
        }

        boolean takesValue() {
            return action == Action.STORE || action == Action.STORE_INT;
        }

        /** optparse's {@code format_option_strings} with {@code short_first}. */
        String optionStrings() {
            String metavar = dest.toUpperCase(java.util.Locale.ROOT);
            List<String> shorts = new ArrayList<>();
            List<String> longs = new ArrayList<>();
            for (String n : names) {
                boolean isLong = n.startsWith("--");
                String s = takesValue() ? n + (isLong ? "=" : " ") + metavar : n;
                (isLong ? longs : shorts).add(s);
            }
            shorts.addAll(longs);
            return String.join(", ", shorts);
        }
    }

    /** Parsing stopped: print {@code stdout} and {@code stderr} and exit with {@code status}. */
    static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String stdout;
        private final String stderr;

        Exit(int status, String stdout, String stderr) {
            super(stderr.isEmpty() ? stdout : stderr, null, false, false);
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        int status() {
            return status;
        }

        String stdout() {
            return stdout;
        }

        String stderr() {
            return stderr;
        }
    }

    /** The option values by dest, and the positional arguments. */
    record Parsed(Map<String, Object> values, List<String> args) {
    }

    private final List<Opt> options;
    private final Map<String, Opt> shortOpts = new LinkedHashMap<>();
    private final Map<String, Opt> longOpts = new TreeMap<>();
    private final String prog;
    private final String usageLine;
    private final String version;
    private final java.util.function.IntFunction<String> help;

    /**
     * @param options the options in help order (optparse puts {@code --version} and {@code -h} first)
     * @param prog the program name for error messages ({@code basename(sys.argv[0])})
     * @param usageLine the usage text after {@code Usage: }
     * @param version the text {@code --version} prints
     * @param help the full help text for a line width (what {@code -h} prints)
     */
    PyOptionParser(List<Opt> options, String prog, String usageLine, String version,
            java.util.function.IntFunction<String> help) {
        this.options = List.copyOf(options);
        this.prog = prog;
        this.usageLine = usageLine;
        this.version = version;
        this.help = help;
        for (Opt o : options) {
            for (String n : o.names()) {
                (n.startsWith("--") ? longOpts : shortOpts).put(n, o);
            }
        }
    }

    List<Opt> options() {
        return options;
    }

    /** The line width optparse lays out help for: {@code $COLUMNS - 2}, else 78. */
    static int helpWidth(Map<String, String> env) {
        String c = env.get("COLUMNS");
        if (c != null) {
            try {
                return Integer.parseInt(c.strip()) - 2;
            } catch (NumberFormatException e) {
                // optparse falls back to 80 columns
            }
        }
        return 78;
    }

    /**
     * Parses the arguments, starting from {@code defaults}.
     *
     * @throws Exit for {@code -h}, {@code --version}, a callback that exits, or a usage error (status 2)
     */
    Parsed parse(List<String> argv, Map<String, Object> defaults, int width) throws Exit {
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        List<String> rargs = new ArrayList<>(argv);
        List<String> largs = new ArrayList<>();
        while (!rargs.isEmpty()) {
            String arg = rargs.get(0);
            if (arg.equals("--")) {
                rargs.remove(0);
                break;
            } else if (arg.startsWith("--")) {
                processLong(rargs, values, width);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                processShort(rargs, values, width);
            } else {
                largs.add(arg);
                rargs.remove(0);
            }
        }
        largs.addAll(rargs);
        return new Parsed(values, largs);
    }

    private void processLong(List<String> rargs, Map<String, Object> values, int width) throws Exit {
        String arg = rargs.remove(0);
        String opt;
        boolean explicit = false;
        int eq = arg.indexOf('=');
        if (eq >= 0) {
            opt = arg.substring(0, eq);
            rargs.add(0, arg.substring(eq + 1));
            explicit = true;
        } else {
            opt = arg;
        }
        opt = matchLong(opt);
        Opt option = longOpts.get(opt);
        String value = null;
        if (option.takesValue()) {
            if (rargs.isEmpty()) {
                throw error(opt + " option requires 1 argument");
            }
            value = rargs.remove(0);
        } else if (explicit) {
            throw error(opt + " option does not take a value");
        }
        process(option, opt, value, values, width);
    }

    private String matchLong(String opt) throws Exit {
        if (longOpts.containsKey(opt)) {
            return opt;
        }
        List<String> possible = new ArrayList<>();
        for (String n : longOpts.keySet()) {
            if (n.startsWith(opt)) {
                possible.add(n);
            }
        }
        if (possible.size() == 1) {
            return possible.get(0);
        }
        if (possible.isEmpty()) {
            throw error("no such option: " + opt);
        }
        throw error("ambiguous option: " + opt + " (" + String.join(", ", possible) + "?)");
    }

    private void processShort(List<String> rargs, Map<String, Object> values, int width) throws Exit {
        String arg = rargs.remove(0);
        int i = 1;
        while (i < arg.length()) {
            int cp = arg.codePointAt(i);
            String opt = "-" + new String(Character.toChars(cp));
            i += Character.charCount(cp);
            Opt option = shortOpts.get(opt);
            if (option == null) {
                throw error("no such option: " + opt);
            }
            String value = null;
            boolean stop = false;
            if (option.takesValue()) {
                if (i < arg.length()) {
                    rargs.add(0, arg.substring(i));
                    stop = true;
                }
                if (rargs.isEmpty()) {
                    throw error(opt + " option requires 1 argument");
                }
                value = rargs.remove(0);
            }
            process(option, opt, value, values, width);
            if (stop) {
                break;
            }
        }
    }

    private void process(Opt option, String opt, String value, Map<String, Object> values, int width) throws Exit {
        switch (option.action()) {
            case STORE:
                values.put(option.dest(), value);
                break;
            case STORE_INT:
                values.put(option.dest(), parseInt(opt, value));
                break;
            case STORE_TRUE:
                values.put(option.dest(), Boolean.TRUE);
                break;
            case STORE_FALSE:
                values.put(option.dest(), Boolean.FALSE);
                break;
            case COUNT: {
                Object v = values.get(option.dest());
                values.put(option.dest(), (v == null ? 0 : ((Number) v).intValue()) + 1);
                break;
            }
            case HELP:
                throw new Exit(0, help.apply(width), "");
            case VERSION:
                throw new Exit(0, version + "\n", "");
            case EXIT_PRINT:
                throw new Exit(0, option.print() + "\n", "");
            default:
                throw new IllegalStateException("unknown action " + option.action());
        }
    }

    /** optparse's {@code _parse_num(value, int)}, with its error text. */
    private int parseInt(String opt, String value) throws Exit {
        String v = value.strip();
        String sign = "";
        if (v.startsWith("+") || v.startsWith("-")) {
            sign = v.substring(0, 1);
            v = v.substring(1);
        }
        int radix = 10;
        String lower = value.length() >= 2 ? value.substring(0, 2).toLowerCase(java.util.Locale.ROOT) : "";
        if (lower.equals("0x")) {
            radix = 16;
            v = v.length() >= 2 && v.substring(0, 2).equalsIgnoreCase("0x") ? v.substring(2) : v;
        } else if (lower.equals("0b")) {
            radix = 2;
            v = v.length() >= 2 ? v.substring(2) : v;
            if (v.isEmpty()) {
                v = "0";
            }
        } else if (value.startsWith("0")) {
            radix = 8;
            if (v.length() >= 2 && v.substring(0, 2).equalsIgnoreCase("0o")) {
                v = v.substring(2);
            }
        }
        String digits = v.replace("_", "");
        boolean ok = !digits.isEmpty() && !v.startsWith("_") && !v.endsWith("_") && !v.contains("__");
        if (ok) {
            try {
                return Integer.parseInt(sign + digits, radix);
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        throw error("option " + opt + ": invalid integer value: " + org.fail2ban4j.regex.PyStrings.repr(value));
    }

    /** optparse's {@code error(msg)}: the usage line and {@code prog: error: msg} on stderr, status 2. */
    Exit error(String msg) {
        return new Exit(2, "", usage() + "\n" + prog + ": error: " + msg + "\n");
    }

    /** {@code get_usage()} followed by print's line end. */
    String usage() {
        return "Usage: " + usageLine + "\n";
    }

    /** optparse's {@code format_option_help} ("Options:" and every option) for a line width. */
    String formatOptionHelp(int width) {
        int indent = 2;
        int maxLen = 0;
        for (Opt o : options) {
            maxLen = Math.max(maxLen, o.optionStrings().length() + indent);
        }
        int maxHelpPosition = Math.min(24, Math.max(width - 20, 4));
        int helpPosition = Math.min(maxLen + 2, maxHelpPosition);
        int helpWidth = Math.max(width - helpPosition, 11);
        StringBuilder sb = new StringBuilder("Options:\n");
        for (Opt o : options) {
            String opts = o.optionStrings();
            int optWidth = helpPosition - indent - 2;
            int indentFirst;
            if (opts.length() > optWidth) {
                sb.append(" ".repeat(indent)).append(opts).append('\n');
                indentFirst = helpPosition;
            } else {
                sb.append(" ".repeat(indent)).append(opts).append(" ".repeat(optWidth - opts.length() + 2));
                indentFirst = 0;
            }
            if (o.help() != null) {
                List<String> lines = TextWrap.wrap(o.help(), helpWidth);
                sb.append(" ".repeat(indentFirst)).append(lines.isEmpty() ? "" : lines.get(0)).append('\n');
                for (int k = 1; k < lines.size(); k++) {
                    sb.append(" ".repeat(helpPosition)).append(lines.get(k)).append('\n');
                }
            } else if (sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
