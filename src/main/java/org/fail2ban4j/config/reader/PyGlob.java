package org.fail2ban4j.config.reader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's {@code glob.glob} (non-recursive): {@code *}, {@code ?} and {@code [...]} in any path component, names
 * starting with a dot matched only by a pattern starting with a dot, results in directory order, a pattern without
 * wildcards returned when the path exists (dangling links included, as {@code os.path.lexists}).
 */
public final class PyGlob {
    private PyGlob() {
    }

    public static boolean hasMagic(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    public static List<String> glob(String pattern) {
        List<String> out = new ArrayList<>();
        if (!hasMagic(pattern)) {
            if (!pattern.isEmpty() && Files.exists(Path.of(pattern), LinkOption.NOFOLLOW_LINKS)) {
                out.add(pattern);
            } else if (pattern.endsWith("/") && Files.isDirectory(Path.of(pattern))) {
                out.add(pattern);
            }
            return out;
        }
        int slash = pattern.lastIndexOf('/');
        String dirname = slash < 0 ? "" : pattern.substring(0, slash == 0 ? 1 : slash);
        if (slash > 0) {
            // Python keeps repeated separators in the directory part as given
            dirname = pattern.substring(0, slash);
            while (dirname.endsWith("/") && dirname.length() > 1) {
                dirname = dirname.substring(0, dirname.length() - 1);
            }
        }
        String basename = pattern.substring(slash + 1);
        List<String> dirs;
        if (dirname.isEmpty()) {
            dirs = List.of("");
        } else if (hasMagic(dirname)) {
            dirs = glob(dirname);
        } else {
            dirs = List.of(dirname);
        }
        for (String d : dirs) {
            if (basename.isEmpty()) {
                if (Files.isDirectory(Path.of(d))) {
                    out.add(join(d, ""));
                }
                continue;
            }
            if (!hasMagic(basename)) {
                String p = join(d, basename);
                if (Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
                continue;
            }
            Pattern re = Pattern.compile(translate(basename), Pattern.DOTALL);
            Path dir = Path.of(d.isEmpty() ? "." : d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") && !basename.startsWith(".")) {
                        continue;
                    }
                    if (re.matcher(name).matches()) {
                        out.add(join(d, name));
                    }
                }
            } catch (IOException e) {
                // unreadable directory: Python's glob yields nothing for it
            }
        }
        return out;
    }

    private static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Python's {@code fnmatch.translate} into a java.util.regex pattern. */
    static String translate(String pat) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                sb.append(".*");
                while (i < n && pat.charAt(i) == '*') {
                    i++;
                }
            } else if (c == '?') {
                sb.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    sb.append("\\[");
                } else {
                    String stuff = pat.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (stuff.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    } else if (stuff.startsWith("^")) {
                        cls.append("\\^");
                        k = 1;
                    }
                    for (; k < stuff.length(); k++) {
                        char s = stuff.charAt(k);
                        if (s == '-' && k > 0 && k < stuff.length() - 1) {
                            cls.append('-');
                        } else if (Character.isLetterOrDigit(s)) {
                            cls.append(s);
                        } else {
                            cls.append('\\').append(s);
                        }
                    }
                    sb.append(cls.append(']'));
                }
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
