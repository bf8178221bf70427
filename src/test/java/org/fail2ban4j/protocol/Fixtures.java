package org.fail2ban4j.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the test fixtures of this package and compares wire values deeply. */
final class Fixtures {
    private Fixtures() {
    }

    static List<String> lines(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String l : text.split("\n")) {
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> linesKeepingEmpty(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return List.of(text.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String s) {
        return s.equals("-") ? new byte[0] : HexFormat.of().parseHex(s);
    }

    /** A comparable form of a wire value: byte arrays become hex strings, maps keep their order as entry lists. */
    static Object comparable(Object v) {
        if (v instanceof byte[]) {
            return "bytes:" + HexFormat.of().formatHex((byte[]) v);
        }
        if (v instanceof PyTuple) {
            List<Object> items = new ArrayList<>();
            for (Object o : ((PyTuple) v).items()) {
                items.add(comparable(o));
            }
            return new PyTuple(items);
        }
        if (v instanceof List) {
            List<Object> items = new ArrayList<>();
            for (Object o : (List<?>) v) {
                items.add(comparable(o));
            }
            return items;
        }
        if (v instanceof Map) {
            List<Object> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                entries.add(Arrays.asList("entry", comparable(e.getKey()), comparable(e.getValue())));
            }
            return Arrays.asList("dict", entries);
        }
        if (v instanceof Set) {
            return new java.util.HashSet<>((Set<?>) v);
        }
        return v;
    }

    static Map<Object, Object> dict(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
