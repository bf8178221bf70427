package org.fail2ban4j.protocol;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Port of the exceptions {@code fail2ban/server/transmitter.py:Transmitter} answers with: a command that cannot be
 * carried out, with the Python exception upstream raises in the same case, so that the
 * error reply reads the same to the Python client: {@code Exception("Invalid command")} prints "Invalid command",
 * {@code IndexError} prints "Sorry but the command is invalid", {@code UnknownJailException} prints "Sorry but the
 * jail 'x' does not exist" ({@code client/beautifier.py:beautifyError}). {@link #getMessage()} is Python's
 * {@code str(exception)}; {@link #position()} tells, where known, which element of the command was wrong.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PyException error;
    private final int position;

    /** Python's {@code Exception(message)}. */
    public CommandException(String message) {
        this(PyException.exception(message));
    }

    /** Any Python exception. */
    public CommandException(PyException error) {
        this(error, -1);
    }

    /** Any Python exception, caused by the command element at {@code position} (0 is the command name). */
    public CommandException(PyException error, int position) {
        super(Objects.requireNonNull(error, "error").message());
        this.error = error;
        this.position = position;
    }

    /** {@code IndexError('list index out of range')}: element {@code position} is missing. */
    public static CommandException indexError(int position) {
        return new CommandException(PyException.builtin("IndexError", "list index out of range"), position);
    }

    /** {@code ValueError(message)}. */
    public static CommandException valueError(String message) {
        return new CommandException(PyException.builtin("ValueError", message));
    }

    /** {@code TypeError(message)} about element {@code position}. */
    public static CommandException typeError(String message, int position) {
        return new CommandException(PyException.builtin("TypeError", message), position);
    }

    /** {@code TypeError(message)}. */
    public static CommandException typeError(String message) {
        return new CommandException(PyException.builtin("TypeError", message));
    }

    /** {@code OverflowError}: element {@code position} is a number too large for the setting. */
    static CommandException overflow(int position) {
        return new CommandException(PyException.builtin("OverflowError",
                "number too large (command element " + position + ")"), position);
    }

    /** {@code fail2ban.exceptions.UnknownJailException(jail)}. */
    public static CommandException unknownJail(String jail) {
        return new CommandException(PyException.unknownJail(jail));
    }

    /** {@code fail2ban.exceptions.DuplicateJailException(jail)}. */
    public static CommandException duplicateJail(String jail) {
        return new CommandException(PyException.duplicateJail(jail));
    }

    /** The Python exception to send in the error reply. */
    public PyException toPython() {
        return error;
    }

    /** The index of the command element that was missing or wrong, where known (0 is the command name). */
    public OptionalInt position() {
        return position < 0 ? OptionalInt.empty() : OptionalInt.of(position);
    }
}
