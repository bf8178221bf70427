package org.fail2ban4j.protocol;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fail2ban4j.protocol.ControlCommand.ReloadOption;

/**
 * Port of the cases of {@code fail2ban/client/fail2banclient.py:Fail2banClient.__processCommand}: what
 * {@code fail2ban-client} does with the command words of its command line; made by
 * {@link ControlCommandParser#parseClientArgs(List)}.
 */
public sealed interface ClientCommand {

    /** {@code start}: start the server (in the background unless {@code -f}) and send it the configuration. */
    record StartServer() implements ClientCommand {
    }

    /** {@code restart}: stop the server, wait for it to go, start it again. */
    record RestartServer() implements ClientCommand {
    }

    /**
     * {@code reload [--restart] [--unban] [--if-exists] [<JAIL>|--all]} (and {@code restart [--unban]
     * [--if-exists] <JAIL>}): read the configuration of {@code target} ({@code --all} for every jail) and send
     * {@code ["reload", target, [options], stream]}.
     */
    record ReloadJails(String target, Set<ReloadOption> options) implements ClientCommand {
        /** Copies the options. */
        public ReloadJails {
            Objects.requireNonNull(target, "target");
            options = options.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(options));
        }

        /** The option flags in upstream's order, as sent on the wire. */
        public List<String> flags() {
            return options.stream().map(ReloadOption::flag).toList();
        }
    }

    /**
     * Any other command: sent to the server as typed. {@code timeoutSeconds} is the socket timeout, given by
     * {@code ping <TIMEOUT>}; negative for none.
     */
    record Send(List<String> command, double timeoutSeconds) implements ClientCommand {
        /** Copies the command. */
        public Send {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("empty command");
            }
        }

        /** The socket timeout asked for, if any. */
        public Optional<Duration> timeout() {
            if (timeoutSeconds < 0 || Double.isNaN(timeoutSeconds)) {
                return Optional.empty();
            }
            if (Double.isInfinite(timeoutSeconds)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.round(timeoutSeconds * 1e9)));
        }
    }
}
