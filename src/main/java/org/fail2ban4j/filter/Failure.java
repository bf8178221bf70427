package org.fail2ban4j.filter;

import java.util.Map;
import org.fail2ban4j.net.IpAddress;

/**
 * One failure found in a log line (upstream's {@code [failRegexIndex, fid, date, fail]}): the index of the
 * failregex, the failure id (an address, or a raw id; null while a multi-line failure waits for its id), the time
 * in epoch seconds (null if the line had none) and the failure's data: the regex groups by name, {@code matches}
 * (a {@code List<TupleLine>}), and the flags of the multi-line logic ({@code nofail}, {@code mlfpending},
 * {@code users}, {@code ip} for a complex id...).
 */
public record Failure(int regexIndex, IpAddress fid, Double time, Map<String, Object> data) {

    /** Python truthiness of a data value: null, "", 0, false and empty collections are false. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof java.util.Collection) {
            return !((java.util.Collection<?>) v).isEmpty();
        }
        return true;
    }

    /** True when the failure is only the no-failure part of a multi-line pattern (a success, a disconnect). */
    public boolean isNoFail() {
        return truthy(data.get("nofail"));
    }

    /** The lines that make up this failure. */
    @SuppressWarnings("unchecked")
    public java.util.List<TupleLine> matches() {
        Object m = data.get("matches");
        return m == null ? java.util.List.of() : (java.util.List<TupleLine>) m;
    }
}
