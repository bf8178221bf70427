package org.fail2ban4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code extractOptions} on log targets, expectations from Python fail2ban's {@code helpers.extractOptions}
 * (1.0.2, and 1.1.1's option names). */
class TargetSpecTest {

    static Stream<Arguments> valid() {
        return Stream.of(
            Arguments.of("SYSLOG[facility=auth, format=\"%(name)s: %(message)s\"]", "SYSLOG",
                "{facility=auth, format=%(name)s: %(message)s}"),
            Arguments.of("/var/log/x.log", "/var/log/x.log", "{}"),
            Arguments.of("SYSLOG[facility=local0,padding=1]", "SYSLOG", "{facility=local0, padding=1}"),
            Arguments.of("STDOUT[format='%(message)s, x]']", "STDOUT", "{format=%(message)s, x]}"),
            Arguments.of("SYSLOG []", "SYSLOG ", "{}"),
            Arguments.of("SYSLOG[ ]", "SYSLOG", "{}"),
            Arguments.of("SYSLOG[facility=auth x]", "SYSLOG", "{facility=auth x}"),
            Arguments.of("SYSLOG[facility=auth, padding=on,]", "SYSLOG", "{facility=auth, padding=on}"),
            Arguments.of("a[b=1] ", "a", "{b=1}"),
            // 1.1.1 accepts conditional option names (1.0.2 does not)
            Arguments.of("SYSLOG[a?family=inet6=1, b=2]", "SYSLOG", "{a?family=inet6=1, b=2}"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesAsUpstream(String value, String target, String options) {
        TargetSpec spec = TargetSpec.parse(value);
        assertEquals(target, spec.target());
        assertEquals(options, spec.options().toString());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
            Arguments.of("[x=1]", "unexpected option syntax"),
            Arguments.of("", "unexpected option syntax"),
            Arguments.of("a[b=1]x", "unexpected option syntax"),
            Arguments.of("SYSLOG[=1]", "expected option, wrong syntax at 0: =1"),
            Arguments.of("SYSLOG[facility=\"auth\"x]", "unexpected syntax at 15 after option 'facility': x"),
            Arguments.of("SYSLOG[padding=1, facility='auth' trailing stuff that is long enough to cut]",
                "unexpected syntax at 26 after option 'facility':  trailing stuff that is l"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesAsUpstream(String value, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(value))
                .getMessage());
    }
}
