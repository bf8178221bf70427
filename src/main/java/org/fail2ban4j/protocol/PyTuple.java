package org.fail2ban4j.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Python tuple on the wire. Kept apart from {@link List} (a Python list) because the difference is visible to the
 * Python client: {@code "%s (%s)" % response} needs a tuple, and {@code isinstance(x, list)} decides how a status
 * value is printed. Items may be {@code null} (Python {@code None}).
 *
 * @param items the items, in order (an unmodifiable copy)
 */
public record PyTuple(List<Object> items) {
    /** Copies the items; {@code null} items are allowed, a {@code null} list is not. */
    public PyTuple {
        Objects.requireNonNull(items, "items");
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** A tuple of the given items. */
    public static PyTuple of(Object... items) {
        return new PyTuple(Arrays.asList(items));
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    /** The item at {@code index}. */
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public String toString() {
        return PyText.repr(this);
    }
}
