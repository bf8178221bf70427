package org.fail2ban4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code getopt.getopt}: short options (a letter followed by {@code :} takes an argument), long options
 * ({@code name=} takes one) matched by unique prefix, parsing stops at the first non-option or after {@code --}.
 */
public final class Argv {
    /** One parsed option: its name with dashes ({@code -c}, {@code --conf}) and its argument or "". */
    public record Opt(String name, String value) {
    }

    /** Options in order and the remaining arguments. */
    public record Parsed(List<Opt> opts, List<String> args) {
    }

    /** A bad command line, with getopt's message. */
    public static final class GetoptException extends Exception {
        public GetoptException(String m) {
            super(m);
        }
    }

    private Argv() {
    }

    public static Parsed getopt(List<String> argv, String shortOpts, List<String> longOpts) throws GetoptException {
        List<Opt> opts = new ArrayList<>();
        int i = 0;
        while (i < argv.size()) {
            String a = argv.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                String full = null;
                boolean hasArg = false;
                List<String> matches = new ArrayList<>();
                for (String lo : longOpts) {
                    if (lo.startsWith(name)) {
                        matches.add(lo);
                    }
                }
                for (String lo : matches) {
                    if (lo.equals(name) || lo.equals(name + "=")) {
                        matches = List.of(lo);
                        break;
                    }
                }
                if (matches.isEmpty()) {
                    throw new GetoptException("option --" + name + " not recognized");
                }
                if (matches.size() > 1) {
                    throw new GetoptException("option --" + name + " not a unique prefix");
                }
                full = matches.get(0);
                hasArg = full.endsWith("=");
                if (hasArg) {
                    full = full.substring(0, full.length() - 1);
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new GetoptException("option --" + full + " requires argument");
                        }
                        value = argv.get(++i);
                    }
                } else if (value != null) {
                    throw new GetoptException("option --" + full + " must not have an argument");
                }
                opts.add(new Opt("--" + full, value == null ? "" : value));
                i++;
            } else {
                String s = a.substring(1);
                while (!s.isEmpty()) {
                    char c = s.charAt(0);
                    int at = shortOpts.indexOf(c);
                    if (at < 0 || c == ':') {
                        throw new GetoptException("option -" + c + " not recognized");
                    }
                    boolean hasArg = at + 1 < shortOpts.length() && shortOpts.charAt(at + 1) == ':';
                    if (hasArg) {
                        String v = s.substring(1);
                        if (v.isEmpty()) {
                            if (i + 1 >= argv.size()) {
                                throw new GetoptException("option -" + c + " requires argument");
                            }
                            v = argv.get(++i);
                        }
                        opts.add(new Opt("-" + c, v));
                        s = "";
                    } else {
                        opts.add(new Opt("-" + c, ""));
                        s = s.substring(1);
                    }
                }
                i++;
            }
        }
        return new Parsed(opts, new ArrayList<>(argv.subList(Math.min(i, argv.size()), argv.size())));
    }
}
