package org.fail2ban4j.regextool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of report lines from which the first occurrence of a line can be removed in constant time (Python's
 * {@code l.pop(l.index(x))}, which {@code fail2ban-regex} does on its missed lines when a multi-line match takes
 * earlier lines in). Removed places are left empty and skipped by {@link #lines()}; the index of the places of
 * each line is built on the first removal only, so a list nothing is removed from costs what an array list does.
 */
final class LineList {
    private final List<String> items = new ArrayList<>();
    private Map<String, ArrayDeque<Integer>> places;
    private int size;

    /** Appends a line. */
    void add(String line) {
        if (places != null) {
            places.computeIfAbsent(line, k -> new ArrayDeque<>(1)).addLast(items.size());
        }
        items.add(line);
        size++;
    }

    /**
     * Removes the first occurrence of a line.
     *
     * @return whether the line was there
     */
    boolean removeFirst(String line) {
        if (places == null) {
            places = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String s = items.get(i);
                if (s != null) {
                    places.computeIfAbsent(s, k -> new ArrayDeque<>(1)).addLast(i);
                }
            }
        }
        ArrayDeque<Integer> at = places.get(line);
        if (at == null) {
            return false;
        }
        int i = at.pollFirst();
        if (at.isEmpty()) {
            places.remove(line);
        }
        items.set(i, null);
        size--;
        return true;
    }

    /** @return how many lines the list holds */
    int size() {
        return size;
    }

    /** @return the lines, in order */
    List<String> lines() {
        if (size == items.size()) {
            return List.copyOf(items);
        }
        List<String> l = new ArrayList<>(size);
        for (String s : items) {
            if (s != null) {
                l.add(s);
            }
        }
        return l;
    }
}
