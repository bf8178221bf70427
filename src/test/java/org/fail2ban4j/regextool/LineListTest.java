package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LineList} behaves as a Python list with {@code l.pop(l.index(x))}. */
class LineListTest {
    /**
     * @param ops space-separated operations: {@code +x} appends x, {@code -x} removes the first x
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+a +b +a -a         | b a",
        "+a +b +a -a -a      | b",
        "+a -z +b            | a b",
        "+a +b -b +b +c -b   | a c",
        "-a +a +a -a +b -a   | b",
        "+a +b +c            | a b c",
        "+x -x               | ''",
    })
    void removesTheFirstOccurrenceAsAPythonListDoes(String ops, String expected) {
        LineList l = new LineList();
        List<String> py = new ArrayList<>();
        for (String op : ops.trim().split(" +")) {
            String x = op.substring(1);
            if (op.charAt(0) == '+') {
                l.add(x);
                py.add(x);
            } else {
                int i = py.indexOf(x);
                assertEquals(i >= 0, l.removeFirst(x), op);
                if (i >= 0) {
                    py.remove(i);
                }
            }
            assertEquals(py, l.lines(), op);
            assertEquals(py.size(), l.size(), op);
        }
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), l.lines());
    }
}
