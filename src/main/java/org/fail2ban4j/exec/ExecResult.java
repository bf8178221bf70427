package org.fail2ban4j.exec;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Port of the outcome of {@code fail2ban/server/utils.py:Utils.executeCmd} with {@code output=True}: success, the
 * return code and the captured output.
 *
 * <p>The return code follows Python's {@code Popen.returncode}: the exit status, or minus the signal number when
 * the shell itself was killed by a signal ({@code -15} after a timeout's {@code SIGTERM}). A status above 128 is
 * what a shell reports for a child killed by a signal (128 + n); upstream treats both as "killed".
 *
 * @param success whether the return code is one of the success codes asked for
 * @param returnCode the return code; empty if the command could not be started, or could not be killed after a
 *     timeout
 * @param stdout the standard output, decoded as UTF-8 (invalid bytes replaced)
 * @param stderr the standard error, decoded the same way; for a command that could not be started, upstream's
 *     {@code <command> -- failed with <error>} text
 * @param timedOut whether the command ran into its timeout and was killed
 */
public record ExecResult(boolean success, OptionalInt returnCode, String stdout, String stderr, boolean timedOut) {

    /** Checks for {@code null}. */
    public ExecResult {
        Objects.requireNonNull(returnCode, "returnCode");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * A finished command.
     *
     * @param success whether the code counts as success
     * @param returnCode the return code
     * @param stdout the output
     * @param stderr the error output
     * @return the result
     */
    public static ExecResult of(boolean success, int returnCode, String stdout, String stderr) {
        return new ExecResult(success, OptionalInt.of(returnCode), stdout, stderr, false);
    }

    /**
     * The signal that ended the command as upstream reads it: {@code -code} for a negative code, {@code code - 128}
     * for a code above 128.
     *
     * @return the signal number, or empty for an ordinary exit status
     */
    public OptionalInt signal() {
        if (returnCode.isEmpty()) {
            return OptionalInt.empty();
        }
        int rc = returnCode.getAsInt();
        if (rc < 0) {
            return OptionalInt.of(-rc);
        }
        if (rc > 128) {
            return OptionalInt.of(rc - 128);
        }
        return OptionalInt.empty();
    }
}
