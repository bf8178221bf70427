package org.fail2ban4j.tags;

import java.util.List;
import java.util.Objects;

/**
 * Port of the result of {@code fail2ban/server/utils.py:Utils.buildShellCmd}: a shell script with its positional
 * arguments. Run as
 * {@code /bin/sh -c script arg0 arg1 ...}, the script starts with {@code f2bV_ip=$0 f2bV_F_user=$1 \n} so the
 * values from log lines reach the shell only as variables, never as code.
 *
 * @param script the script text
 * @param args the values of {@code $0}, {@code $1}, ... (empty when nothing needed escaping); unmodifiable
 */
public record DynamicCommand(String script, List<String> args) {

    /** Copies the arguments. */
    public DynamicCommand {
        Objects.requireNonNull(script, "script");
        args = List.copyOf(args);
    }
}
