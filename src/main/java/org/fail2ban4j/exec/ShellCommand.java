package org.fail2ban4j.exec;

import java.util.List;
import java.util.Objects;

/**
 * Port of the command value upstream hands to {@code fail2ban/server/utils.py:Utils.executeCmd}: a shell script,
 * either alone (a Python {@code str}) or with positional arguments (the list built by
 * {@code Utils.buildShellCmd}).
 *
 * <p>It runs as {@code /bin/sh -c script arg0 arg1 ...}, so the arguments become {@code $0}, {@code $1}, ... of
 * the script. An argument is never parsed by the shell: text from log lines travels there, not in the script.
 *
 * @param script the script text given to {@code sh -c}
 * @param args the values of {@code $0}, {@code $1}, ...; unmodifiable
 */
public record ShellCommand(String script, List<String> args) {

    /** Copies the arguments; neither the script nor an argument may be {@code null}. */
    public ShellCommand {
        Objects.requireNonNull(script, "script");
        args = List.copyOf(args);
    }

    /**
     * A script without arguments.
     *
     * @param script the script text
     * @return the command
     */
    public static ShellCommand of(String script) {
        return new ShellCommand(script, List.of());
    }

    /** Whether the script is empty (upstream runs nothing then: {@code Nothing to do}). */
    public boolean isEmpty() {
        return script.isEmpty() && args.isEmpty();
    }

    /**
     * The command as upstream's log shows it ({@code %s} of the Python value): the script itself, or, with
     * arguments, the Python list {@code ['script', 'arg0', ...]}.
     *
     * @return the text
     */
    public String logText() {
        if (args.isEmpty()) {
            return script;
        }
        return PyRepr.list(script, args);
    }

    /**
     * {@code repr()} of the Python value: the quoted script, or the list as in {@link #logText()}.
     *
     * @return the text
     */
    public String repr() {
        if (args.isEmpty()) {
            return PyRepr.str(script);
        }
        return PyRepr.list(script, args);
    }

    @Override
    public String toString() {
        return logText();
    }
}
