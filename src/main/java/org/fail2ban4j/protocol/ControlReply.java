package org.fail2ban4j.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Port of the reply shapes of {@code fail2ban/server/transmitter.py:Transmitter.proceed} and
 * {@code fail2ban/server/asyncserver.py:RequestHandler.found_terminator}: {@code (0, value)} on success,
 * {@code (1, exception)} when the command failed, and the bare string {@code "ERROR: ..."} when the request could
 * not even be unpickled.
 */
public sealed interface ControlReply {

    /** The value sent on the wire (before pickling). */
    Object toWire();

    /** A successful reply {@code (0, value)}; {@code value} is a plain wire value, {@code null} for None. */
    static ControlReply ok(Object value) {
        return new Ok(value);
    }

    /** A failed command: {@code (1, error)}. */
    static ControlReply failure(PyException error) {
        return new Failure(error);
    }

    /** A failed command from a {@link CommandException} of the parser or a handler. */
    static ControlReply failure(CommandException error) {
        return new Failure(error.toPython());
    }

    /**
     * Reads a decoded reply.
     *
     * @param decoded what {@link PickleCodec#decode(byte[])} returned for a reply
     * @return the reply
     * @throws IllegalArgumentException when the value has none of upstream's reply shapes
     */
    static ControlReply fromWire(Object decoded) {
        if (decoded instanceof String && ((String) decoded).startsWith(ProtocolError.PREFIX)) {
            return new ProtocolError(((String) decoded).substring(ProtocolError.PREFIX.length()));
        }
        List<Object> items = null;
        if (decoded instanceof PyTuple) {
            items = ((PyTuple) decoded).items();
        } else if (decoded instanceof List) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) decoded;
            items = l;
        }
        if (items != null && items.size() == 2 && items.get(0) instanceof Long) {
            long code = (Long) items.get(0);
            if (code == 0) {
                return new Ok(items.get(1));
            }
            if (items.get(1) instanceof PyException) {
                return new Failure((PyException) items.get(1));
            }
            return new Failure(PyException.exception(PyText.str(items.get(1))));
        }
        throw new IllegalArgumentException("not a fail2ban reply: " + PyText.repr(decoded));
    }

    /** {@code (0, value)}. */
    record Ok(Object value) implements ControlReply {
        @Override
        public Object toWire() {
            return PyTuple.of(0L, value);
        }
    }

    /** {@code (1, error)}: the Python client logs {@code NOK: <args>} and prints the beautified error. */
    record Failure(PyException error) implements ControlReply {
        /** Requires an error. */
        public Failure {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public Object toWire() {
            return PyTuple.of(1L, error);
        }
    }

    /**
     * The reply to a request that could not be unpickled: the plain string {@code "ERROR: " + message} (not a
     * tuple; upstream's client cannot read it either and fails on it).
     */
    record ProtocolError(String message) implements ControlReply {
        static final String PREFIX = "ERROR: ";

        /** Requires a message. */
        public ProtocolError {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Object toWire() {
            return PREFIX + message;
        }
    }
}
