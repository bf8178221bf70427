package org.fail2ban4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlReplyTest {

    @Test
    void wireShapes() {
        assertEquals(PyTuple.of(0L, "pong"), ControlReply.ok("pong").toWire());
        assertEquals(PyTuple.of(0L, null), ControlReply.ok(null).toWire());
        assertEquals(PyTuple.of(1L, PyException.exception("Invalid command")),
                ControlReply.failure(new CommandException("Invalid command")).toWire());
        assertEquals("ERROR: Ran out of input", new ControlReply.ProtocolError("Ran out of input").toWire());
    }

    @Test
    void readsEveryShapeBack() throws Exception {
        for (ControlReply r : List.of(ControlReply.ok(List.of("a")), ControlReply.ok(null),
                ControlReply.failure(PyException.unknownJail("x")), new ControlReply.ProtocolError("boom"))) {
            assertEquals(r, ControlReply.fromWire(PickleCodec.decode(PickleCodec.encode(r.toWire()))));
        }
    }

    @Test
    void aFailureWithoutAnExceptionObjectKeepsItsText() {
        assertEquals(ControlReply.failure(PyException.exception("x")), ControlReply.fromWire(PyTuple.of(1L, "x")));
    }

    @Test
    void otherValuesAreNotReplies() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlReply.fromWire(List.of("pong")));
        assertEquals("not a fail2ban reply: ['pong']", e.getMessage());
    }
}
