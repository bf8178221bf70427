package org.fail2ban4j.regextool;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few {@code os.path} functions {@code fail2ban-regex} uses to tell a filter name from a file, on POSIX paths
 * given as text (the text is printed as it was given, so it is not normalised).
 */
final class PyPath {
    private PyPath() {
    }

    /** {@code os.path.join(a, b)}: b if it is absolute, else a and b with one slash between. */
    static String join(String a, String b) {
        if (b.startsWith("/")) {
            return b;
        }
        if (a.isEmpty() || a.endsWith("/")) {
            return a + b;
        }
        return a + "/" + b;
    }

    private static boolean allSlashes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '/') {
                return false;
            }
        }
        return true;
    }

    /** {@code os.path.dirname(p)}: the part before the last slash, trailing slashes removed unless all slashes. */
    static String dirname(String p) {
        int i = p.lastIndexOf('/') + 1;
        String head = p.substring(0, i);
        if (!head.isEmpty() && !allSlashes(head)) {
            int e = head.length();
            while (e > 0 && head.charAt(e - 1) == '/') {
                e--;
            }
            head = head.substring(0, e);
        }
        return head;
    }

    /** {@code os.path.basename(p)}: the part after the last slash. */
    static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** {@code os.path.splitext(p)[0]}: without the last extension (a leading dot of the name is no extension). */
    static String stripExtension(String p) {
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot <= slash + 1) {
            return p;
        }
        for (int i = slash + 1; i < dot; i++) {
            if (p.charAt(i) != '.') {
                return p.substring(0, dot);
            }
        }
        return p;
    }

    /** {@code os.path.isabs(p)}. */
    static boolean isAbsolute(String p) {
        return p.startsWith("/");
    }

    /** {@code os.path.abspath(p)}: joined with the working directory and normalised. */
    static String absolute(String p) {
        String joined = isAbsolute(p) ? p : join(Path.of("").toAbsolutePath().toString(), p);
        return normalise(joined);
    }

    /** {@code os.path.normpath} of an absolute path. */
    static String normalise(String p) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(s);
            }
        }
        String head = p.startsWith("//") && !p.startsWith("///") ? "//" : "/";
        return head + String.join("/", parts);
    }

    /** {@code os.path.isfile(p)}: a regular file (following links). */
    static boolean isFile(String p) {
        try {
            return !p.isEmpty() && Files.isRegularFile(Path.of(p));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The last {@code n} characters of {@code s} (Python's {@code s[-n:]}). */
    static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }
}
