package org.fail2ban4j.exec;

import java.util.Set;

/**
 * Port of {@code fail2ban/server/utils.py:Utils.executeCmd} as a port: runs a {@link ShellCommand} with
 * {@code /bin/sh} and reports how it ended. Production: {@link ProcessCommandRunner}; tests use a recording fake.
 *
 * <p>Implementations never throw for a failing command: failure to start, a non-success exit status and a
 * timeout all come back as an unsuccessful {@link ExecResult} (and are logged by the runner).
 */
public interface CommandRunner {

    /** Upstream's default {@code success_codes=(0,)}. */
    Set<Integer> SUCCESS_ZERO = Set.of(0);

    /**
     * Runs a command.
     *
     * @param command the script and its positional arguments
     * @param timeoutSeconds the timeout in seconds, as upstream holds it ({@code Long} or {@code Double}; printed
     *     with Python's {@code str} in the timeout message)
     * @param successCodes the return codes that count as success (upstream's {@code success_codes})
     * @return the outcome
     */
    ExecResult run(ShellCommand command, Number timeoutSeconds, Set<Integer> successCodes);

    /**
     * Runs a command for which only return code 0 is success.
     *
     * @param command the script and its positional arguments
     * @param timeoutSeconds the timeout in seconds
     * @return the outcome
     */
    default ExecResult run(ShellCommand command, Number timeoutSeconds) {
        return run(command, timeoutSeconds, SUCCESS_ZERO);
    }
}
