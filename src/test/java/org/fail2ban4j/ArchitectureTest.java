package org.fail2ban4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the package dependency table of ARCHITECTURE.md (section 3.3): every {@code import org.fail2ban4j.X}
 * in {@code src/main/java} must be allowed for the importing package, the graph has no cycles, and wall-clock
 * reads and sleeps stay in the packages that own threads.
 */
class ArchitectureTest {

    /** package -> packages it may import (besides itself and the root package, which holds only {@code Version}). */
    static final Map<String, Set<String>> ALLOWED = new HashMap<>();

    static {
        allow("expr");
        allow("time", "expr");
        allow("net", "time", "expr", "regex", "tags");
        allow("regex");
        allow("tags", "regex");
        allow("config.ini", "regex");
        allow("config.model", "time", "net", "expr");
        allow("exec", "time", "expr", "regex");
        allow("protocol", "regex", "expr");
        allow("logging");
        allow("date", "regex", "time", "expr");
        allow("ban", "net", "time", "expr");
        allow("config.reader", "config.ini", "config.model", "tags", "time", "net", "protocol", "expr", "regex");
        allow("filter", "regex", "date", "net", "time", "tags", "exec", "config.model", "expr");
        allow("action", "tags", "ban", "net", "time", "exec", "config.model", "expr", "regex");
        allow("source", "time", "expr");
        allow("persist", "ban", "net", "time", "expr", "regex");
        allow("jail", "source", "filter", "date", "ban", "action", "persist", "exec", "config.model", "net",
                "time", "expr", "regex", "tags", "logging");
        allow("server", "jail", "protocol", "config.model", "persist", "logging", "exec", "time", "expr", "net",
                "ban", "action", "filter", "source", "date", "regex", "tags");
        allow("client", "protocol", "config.reader", "config.model", "logging", "time", "expr", "config.ini",
                "tags", "net");
        allow("regextool", "config.reader", "config.model", "filter", "date", "source", "regex", "net", "time",
                "expr", "config.ini", "tags", "exec", "logging");
        ALLOWED.put("cli", null); // composition root: everything
    }

    private static void allow(String pkg, String... deps) {
        ALLOWED.put(pkg, Set.of(deps));
    }

    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?org\\.fail2ban4j\\.((?:[a-z]+\\.)*?[a-z]+)\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern CLOCK = Pattern.compile(
            "System\\.currentTimeMillis|Instant\\.now\\(\\)|new Date\\(\\)|Thread\\.sleep");
    private static final Set<String> CLOCK_OWNERS = Set.of("cli", "jail", "server");

    static Path mainRoot() {
        return Path.of(System.getProperty("fail2ban4j.basedir", "."), "src/main/java/org/fail2ban4j");
    }

    static String packageOf(Path file) {
        Path rel = mainRoot().relativize(file.getParent());
        return rel.toString().replace('/', '.');
    }

    static List<Path> sources() {
        try (Stream<Path> s = Files.walk(mainRoot())) {
            return s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPackageIsInTheTable() {
        List<String> unknown = new ArrayList<>();
        for (Path p : sources()) {
            String pkg = packageOf(p);
            if (!pkg.isEmpty() && !ALLOWED.containsKey(pkg)) {
                unknown.add(pkg + " (" + p.getFileName() + ")");
            }
        }
        assertEquals(List.of(), unknown, "packages missing from the dependency table");
    }

    @Test
    void importsFollowTheTable() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources()) {
            String pkg = packageOf(p);
            String text = Files.readString(p);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (pkg.isEmpty() || target.equals(pkg) || !ALLOWED.containsKey(pkg)) {
                    continue;
                }
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed != null && !allowed.contains(target)) {
                    violations.add(p.getFileName() + ": " + pkg + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), violations, "imports the dependency table does not allow");
    }

    @Test
    void tableHasNoCycles() {
        Set<String> done = new HashSet<>();
        for (String pkg : ALLOWED.keySet()) {
            assertTrue(acyclic(pkg, new HashSet<>(), done), "cycle through " + pkg);
        }
    }

    private boolean acyclic(String pkg, Set<String> path, Set<String> done) {
        if (done.contains(pkg)) {
            return true;
        }
        if (!path.add(pkg)) {
            return false;
        }
        Set<String> deps = ALLOWED.get(pkg);
        if (deps != null) {
            for (String d : deps) {
                if (!acyclic(d, path, done)) {
                    return false;
                }
            }
        }
        path.remove(pkg);
        done.add(pkg);
        return true;
    }

    @Test
    void clockAndSleepOnlyWhereThreadsLive() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources()) {
            String pkg = packageOf(p);
            String top = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
            if (CLOCK_OWNERS.contains(top)) {
                continue;
            }
            Matcher m = CLOCK.matcher(Files.readString(p));
            if (m.find()) {
                violations.add(p.getFileName() + ": " + m.group());
            }
        }
        assertEquals(List.of(), violations, "wall clock or sleep outside cli/jail/server");
    }
}
