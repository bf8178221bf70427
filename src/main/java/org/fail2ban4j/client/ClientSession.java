package org.fail2ban4j.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fail2ban4j.protocol.ClientCommand;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyText;

/**
 * Sends the client's commands to a server and prints what it answers. Port of the command part of
 * {@code fail2ban/client/fail2banclient.py:Fail2banClient} ({@code __processCmd}, {@code __logSocketError}).
 */
public final class ClientSession {
    /** Where the client's log lines go: logger name, level name, message. */
    @FunctionalInterface
    public interface Log {
        void log(String logger, String level, String message);
    }

    private final Path socket;
    private final PrintStream out;
    private final Log log;
    private final StatusFormatter formatter;

    public ClientSession(Path socket, PrintStream out, Log log, boolean utf8) {
        this.socket = socket;
        this.out = out;
        this.log = log;
        this.formatter = new StatusFormatter(utf8);
    }

    /**
     * Sends one command and prints the beautified answer (upstream's single-command mode, {@code showRet}).
     *
     * @return true if the server answered with success
     */
    public boolean send(ClientCommand.Send cmd) {
        List<String> c = cmd.command();
        return exchange(c, cmd.timeout().orElse(null), c.get(0).equals("ping"));
    }

    /** Whether a server answers on the socket ({@code ping}, nothing printed). */
    public boolean ping() {
        try (ControlSocketClient client = ControlSocketClient.connect(socket, Duration.ofSeconds(5))) {
            return client.send(List.of("ping")) instanceof ControlReply.Ok;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends a command that is not plain words (the reload with its configuration stream) and prints the beautified
     * answer; upstream's {@code __processCmd([cmd], True)}.
     */
    public boolean sendRaw(List<Object> c) {
        return exchange(c, null, false);
    }

    /**
     * Sends one command, prints the beautified answer or the error (logged as {@code NOK: ...}); a socket error is
     * logged as upstream's client does ({@code ping}: as the check for a running server).
     *
     * @param timeout the reply timeout, or null to wait as long as the server takes (a plain blocking socket)
     */
    private boolean exchange(List<?> c, Duration timeout, boolean isPing) {
        try (ControlSocketClient client = timeout != null ? ControlSocketClient.connect(socket, timeout)
                : ControlSocketClient.connect(socket)) {
            ControlReply reply = client.send(c);
            if (reply instanceof ControlReply.Ok) {
                out.println(formatter.format(c, ((ControlReply.Ok) reply).value()));
                return true;
            }
            if (reply instanceof ControlReply.Failure) {
                PyException e = ((ControlReply.Failure) reply).error();
                log.log("fail2ban", "ERROR", "NOK: " + argsRepr(e));
                out.println(formatter.formatError(c, e));
                return false;
            }
            log.log("fail2ban", "ERROR", "NOK: " + PyText.repr(reply.toWire()));
            return false;
        } catch (IOException e) {
            logSocketError(e.getMessage() == null ? e.toString() : e.getMessage(), isPing);
            return false;
        }
    }

    /** Python's {@code repr(exception.args)}: a tuple. */
    static String argsRepr(PyException e) {
        List<Object> args = e.args();
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(PyText.repr(args.get(i)));
        }
        if (args.size() == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /** Upstream {@code __logSocketError}. */
    private void logSocketError(String prevError, boolean errorOnly) {
        if (Files.exists(socket)) {
            if (Files.isWritable(socket)) {
                if (errorOnly) {
                    log.log("fail2ban", "ERROR", prevError);
                } else {
                    log.log("fail2ban", "ERROR", (prevError.isEmpty() ? "" : "[" + prevError + "] ")
                            + "Unable to contact server. Is it running?");
                }
            } else {
                log.log("fail2ban", "ERROR", "Permission denied to socket: " + socket + ", (you must be root)");
            }
        } else {
            log.log("fail2ban", "ERROR", "Failed to access socket path: " + socket + ". Is fail2ban running?");
        }
    }
}
