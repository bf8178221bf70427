package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FailureData} behaves as a {@link LinkedHashMap} in insertion order under any sequence of changes. */
class FailureDataTest {

    @Test
    void randomChangesGiveWhatALinkedHashMapGives() {
        Random rnd = new Random(7);
        String[] keys = {"ip4", "ip6", "dns", "user", "mlfid", "nofail", "mlfforget", "mlfgained", "matches",
            "content", "fid", "alt_user", "mlfpending", "nofail-matches", "cond_user"};
        for (int round = 0; round < 400; round++) {
            Map<String, Object> want = new LinkedHashMap<>();
            Map<String, Object> got = new FailureData(rnd.nextInt(6));
            for (int step = 0; step < 60; step++) {
                // a key equal to one of the names but another instance half of the time
                String key = keys[rnd.nextInt(keys.length)];
                if (rnd.nextBoolean()) {
                    key = new String(key);
                }
                Object value = rnd.nextInt(4) == 0 ? null : "v" + rnd.nextInt(5);
                switch (rnd.nextInt(6)) {
                    case 0, 1, 2 -> assertEquals(want.put(key, value), got.put(key, value));
                    case 3 -> assertEquals(want.remove(key), got.remove(key));
                    case 4 -> {
                        Iterator<Map.Entry<String, Object>> w = want.entrySet().iterator();
                        Iterator<Map.Entry<String, Object>> g = got.entrySet().iterator();
                        while (w.hasNext()) {
                            Map.Entry<String, Object> we = w.next();
                            Map.Entry<String, Object> ge = g.next();
                            assertEquals(we, ge);
                            if (we.getKey().startsWith("m")) {
                                w.remove();
                                g.remove();
                            } else if (we.getKey().startsWith("u")) {
                                we.setValue("set");
                                ge.setValue("set");
                            }
                        }
                        assertEquals(w.hasNext(), g.hasNext());
                    }
                    default -> {
                        Map<String, Object> copy = new FailureData(got);
                        assertEquals(want, copy);
                        got = rnd.nextBoolean() ? copy : new FailureData(new LinkedHashMap<>(want));
                    }
                }
                assertEquals(want.get(key), got.get(key));
                assertEquals(want.containsKey(key), got.containsKey(key));
                assertEquals(want.size(), got.size());
                assertEquals(new ArrayList<>(want.entrySet()), new ArrayList<>(got.entrySet()));
                assertEquals(want, got);
                assertEquals(got, want);
                assertEquals(want.hashCode(), got.hashCode());
                assertEquals(want.toString(), got.toString());
            }
        }
    }

    @Test
    void changingTheKeysWhileIteratingIsDetected() {
        FailureData d = new FailureData(2);
        d.put("a", 1);
        d.put("b", 2);
        Iterator<Map.Entry<String, Object>> it = d.entrySet().iterator();
        it.next();
        d.put("c", 3);
        assertThrows(ConcurrentModificationException.class, it::next);
        assertThrows(NullPointerException.class, () -> d.put(null, 1));
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(d.keySet()));
    }
}
