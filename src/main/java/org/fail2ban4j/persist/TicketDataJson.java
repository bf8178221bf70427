package org.fail2ban4j.persist;

import org.fail2ban4j.regex.PyStrings;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.expr.PyFloats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of the JSON adapters of {@code fail2ban/server/database.py} ({@code _json_dumps_safe},
 * {@code _json_loads_safe}): the {@code data} column of {@code bans} and {@code bips}.
 *
 * <p>Written exactly as Python's {@code json.dumps(data, ensure_ascii=False)} encoded in UTF-8: separators
 * {@code ", "} and {@code ": "}, keys in insertion order, non-ASCII text unescaped, control characters as
 * {@code \n}-style or lower-case {@code \u001b} escapes, floats as Python's {@code repr} ({@code NaN},
 * {@code Infinity} as Python writes them). As upstream's {@code _json_default}, a set is written as the Python
 * text of its list ({@code "['root']"}) and any other unknown value as its text. Lone surrogates become
 * {@code ?} ({@code encode('utf-8', 'replace')}). Read as Python's {@code json.loads} after decoding the bytes as
 * UTF-8 with replacement. Both directions never fail: a value that cannot be written gives {@code {}}, a text that
 * cannot be read gives an empty map, each with an error logged as upstream.
 */
final class TicketDataJson {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.database");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JSON READER = JSON.builder(FACTORY).build();
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.US_ASCII);

    /** Python's default separators. */
    private static final class PySeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }

    private TicketDataJson() {
    }

    /**
     * The column bytes of a data dictionary.
     *
     * @param data the ticket data
     * @return UTF-8 JSON, {@code {}} if it could not be written
     */
    static byte[] write(Map<String, ?> data) {
        try {
            StringWriter w = new StringWriter(128);
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.setPrettyPrinter(new PySeparators());
                writeValue(g, data);
            }
            return w.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.error("json dumps failed: {}", e.toString());
            return EMPTY.clone();
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            g.writeNumber(floatText(((Number) v).doubleValue()));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            g.writeNumber(v.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Set<?> s) {
            g.writeString(pyRepr(s));
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyFloats.repr(d);
    }

    /** Python's {@code repr} of plain values (for {@code str(list(a_set))}). */
    static String pyRepr(Object v) {
        StringBuilder sb = new StringBuilder();
        appendRepr(sb, v);
        return sb.toString();
    }

    private static void appendRepr(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof String s) {
            appendStringRepr(sb, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof Double || v instanceof Float) {
            sb.append(PyFloats.reprNumber(v));
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                appendRepr(sb, e.getKey());
                sb.append(": ");
                appendRepr(sb, e.getValue());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                appendRepr(sb, it.next());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append(']');
        } else {
            appendStringRepr(sb, v.toString());
        }
    }

    private static void appendStringRepr(StringBuilder sb, String s) {
        sb.append(PyStrings.repr(s));
    }

    /**
     * The data dictionary of column bytes.
     *
     * @param bytes the column value (UTF-8 JSON; {@code null} for SQL NULL)
     * @return the data, in the order of the text; empty if it is NULL or cannot be read
     */
    static Map<String, Object> read(byte[] bytes) {
        if (bytes == null) {
            return new LinkedHashMap<>();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            Object v = READER.anyFrom(text);
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(String.valueOf(e.getKey()), e.getValue());
                }
                return out;
            }
            LOG.error("json loads failed: not an object: {}", abbreviate(text));
        } catch (IOException | RuntimeException e) {
            LOG.error("json loads failed: {}", e.toString());
        }
        return new LinkedHashMap<>();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The matched lines of a data dictionary read back (a list, or empty). */
    static List<?> matchesOf(Map<String, Object> data) {
        Object m = data.get("matches");
        return m instanceof List<?> l ? l : List.of();
    }
}
