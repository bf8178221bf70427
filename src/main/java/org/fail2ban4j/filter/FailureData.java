package org.fail2ban4j.filter;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The data of a failure (upstream's {@code fail} dict: the groups of the matching regexes, {@code matches}, the
 * multi-line state): a map of a dozen entries at most, kept in insertion order as a Python dict keeps them, in two
 * arrays searched from the start. Every matching line builds one, and the merging of multi-line failures reads and
 * changes it many times: for so few entries a search of the keys (most are the same string instances, the group
 * names) costs less than hashing them, and nothing is allocated per entry.
 *
 * <p>A {@link Map} with the semantics of a {@link java.util.LinkedHashMap} in insertion order (null values
 * allowed, no null keys), equal to any map with the same entries. Not thread-safe.
 */
public final class FailureData extends AbstractMap<String, Object> {

    private String[] keys;
    private Object[] values;
    private int size;
    private int modCount;

    /** An empty map with room for {@code capacity} entries before it grows. */
    public FailureData(int capacity) {
        keys = new String[Math.max(4, capacity)];
        values = new Object[keys.length];
    }

    /** A copy of a map, in its iteration order. */
    public FailureData(Map<String, ?> other) {
        this(other.size() + 2);
        if (other instanceof FailureData) {
            FailureData o = (FailureData) other;
            System.arraycopy(o.keys, 0, keys, 0, o.size);
            System.arraycopy(o.values, 0, values, 0, o.size);
            size = o.size;
        } else {
            for (Map.Entry<String, ?> e : other.entrySet()) {
                put(e.getKey(), e.getValue());
            }
        }
    }

    private int indexOf(Object key) {
        String[] k = keys;
        int n = size;
        for (int i = 0; i < n; i++) {
            if (k[i] == key) {
                return i;
            }
        }
        if (key instanceof String) {
            // strings cache their hash: a key that is not there is told apart without comparing characters
            int h = key.hashCode();
            for (int i = 0; i < n; i++) {
                if (k[i].hashCode() == h && k[i].equals(key)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Object put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        modCount++;
        return null;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        int tail = size - i - 1;
        System.arraycopy(keys, i + 1, keys, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        size--;
        keys[size] = null;
        values[size] = null;
        modCount++;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        modCount++;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modCount;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (expected != modCount) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Entry(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (expected != modCount) {
                            throw new ConcurrentModificationException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modCount;
                    }
                };
            }
        };
    }

    /** An entry that reads and writes the map's arrays (valid until the map's keys change). */
    private final class Entry implements Map.Entry<String, Object> {
        private final int index;
        private final String key;

        Entry(int index) {
            this.index = index;
            this.key = keys[index];
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return keys[index] == key ? values[index] : get(key);
        }

        @Override
        public Object setValue(Object value) {
            if (keys[index] != key) {
                throw new ConcurrentModificationException();
            }
            Object old = values[index];
            values[index] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry && key.equals(((Map.Entry<?, ?>) o).getKey())
                    && Objects.equals(getValue(), ((Map.Entry<?, ?>) o).getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
