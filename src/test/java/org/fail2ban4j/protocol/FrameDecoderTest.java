package org.fail2ban4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> drain(FrameDecoder d) {
        List<String> out = new ArrayList<>();
        for (Optional<byte[]> m = d.next(); m.isPresent(); m = d.next()) {
            out.add(new String(m.get(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void markersAreUpstreams() {
        assertEquals("<F2B_END_COMMAND>", new String(Frame.endMarker(), StandardCharsets.US_ASCII));
        assertEquals("<F2B_CLOSE_COMMAND>", new String(Frame.closeMarker(), StandardCharsets.US_ASCII));
        assertArrayEquals(ascii("abc<F2B_END_COMMAND>"), Frame.encode(ascii("abc")));
        assertArrayEquals(ascii("<F2B_CLOSE_COMMAND><F2B_END_COMMAND>"), Frame.closeRequest());
        assertTrue(Frame.isClose(ascii("<F2B_CLOSE_COMMAND>")));
        assertFalse(Frame.isClose(ascii("<F2B_CLOSE_COMMAND> ")));
    }

    /** Every way of cutting a stream of three messages (one empty) into two chunks gives the same messages. */
    @Test
    void anyChunkingGivesTheSameMessages() throws Exception {
        byte[] stream = ascii("first<F2B_END_COMMAND><F2B_END_COMMAND>third<F2B_CLOSE_COMMAND><F2B_END_COMMAND>tail");
        for (int cut = 0; cut <= stream.length; cut++) {
            FrameDecoder d = new FrameDecoder();
            List<String> got = new ArrayList<>();
            d.feed(stream, 0, cut);
            got.addAll(drain(d));
            d.feed(stream, cut, stream.length - cut);
            got.addAll(drain(d));
            assertEquals(List.of("first", "", "third<F2B_CLOSE_COMMAND>"), got, "cut at " + cut);
            assertEquals(4, d.buffered(), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 17, 1000})
    void byteByByteAndOtherChunkSizes(int chunk) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String m = "message " + i + " " + "x".repeat(i * 37);
            sent.add(m);
            all.write(Frame.encode(ascii(m)));
        }
        byte[] stream = all.toByteArray();
        FrameDecoder d = new FrameDecoder();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            d.feed(stream, i, Math.min(chunk, stream.length - i));
            got.addAll(drain(d));
        }
        assertEquals(sent, got);
        assertEquals(0, d.buffered());
    }

    @Test
    void aMarkerInsideAPickledStringEndsTheMessageAsUpstream() throws Exception {
        FrameDecoder d = new FrameDecoder();
        d.feed(Frame.encode(PickleCodec.encode(List.of("echo", "a<F2B_END_COMMAND>b"))));
        byte[] first = d.next().orElseThrow();
        PickleDecodeException e = assertThrows(PickleDecodeException.class, () -> PickleCodec.decode(first));
        assertEquals("pickle data was truncated", e.getMessage());
        byte[] second = d.next().orElseThrow();
        assertEquals("b", new String(second, 0, 1, StandardCharsets.ISO_8859_1), "the rest is a second message");
        assertThrows(PickleDecodeException.class, () -> PickleCodec.decode(second));
        assertTrue(d.next().isEmpty());
    }

    @Test
    void tooLongWithoutMarkerIsRefused() throws Exception {
        FrameDecoder d = new FrameDecoder(100);
        d.feed(new byte[100]);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> d.feed(new byte[50]));
        assertEquals("message exceeds 100 bytes without <F2B_END_COMMAND>", e.getMessage());
    }

    @Test
    void aMessageOfExactlyTheLimitIsAccepted() throws Exception {
        FrameDecoder d = new FrameDecoder(100);
        d.feed(Frame.encode(new byte[100]));
        assertEquals(100, d.next().orElseThrow().length);
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(0));
    }
}
