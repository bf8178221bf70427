package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port of upstream's {@code test_FileIPAddrSet}, {@code test_FileIPAddrSet_Update} and {@code RE_FILE_IGN_IP}. */
class FileIpSetTest {

    private final TestClock clock = new TestClock();
    private final FakeDnsResolver dns = FakeDnsResolver.upstreamTestNames();

    @TempDir
    Path tmp;

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @ParameterizedTest(name = "{0} names {1}, shown as {2}")
    @CsvSource(value = {
        "file:/etc/x|/etc/x|file://etc/x",
        "file:///etc/x|/etc/x|file://etc/x",
        "file://etc/x|/etc/x|file://etc/x",
        "file:rel/x|rel/x|file:rel/x",
        "file://./x|./x|file:./x",
        "file:|''|file:",
        "file:////x|//x|file:///x",
        "file:/./x|./x|file:./x",
        "file://../x|../x|file:../x",
        "file:///./x|/./x|file://./x",
        "file:.x|.x|file:.x",
        // upstream's pattern takes a first component of 1-2 characters for "./" or "../": relative
        "file:/x/y|x/y|file:x/y",
        "file:/ab/y|ab/y|file:ab/y",
        "file:/abc/y|/abc/y|file://abc/y",
        "file:///x/y|/x/y|file://x/y",
    }, delimiter = '|')
    void fileNames(String entry, String fileName, String shown) {
        assertEquals(Optional.of(fileName), FileIpSet.fileNameOf(entry));
        assertEquals(shown, new FileIpSet(fileName, clock, dns).toString());
    }

    @ParameterizedTest
    @CsvSource({"x", "File:/x", "/etc/x", "1.2.3.4"})
    void notFileEntries(String entry) {
        assertEquals(Optional.empty(), FileIpSet.fileNameOf(entry));
    }

    @Test
    void test_FileIPAddrSet_Update() throws IOException {
        Path f = tmp.resolve("tmp_fail2ban.ips");
        Files.writeString(f, "192.0.2.200, 192.0.2.201\n");
        FileIpSet ips = new FileIpSets(clock, dns).get(f.toString());
        assertTrue(ips.contains(ip("192.0.2.200")));
        assertTrue(ips.contains(ip("192.0.2.201")));
        assertFalse(ips.contains(ip("192.0.2.202")));
        clock.advance(Duration.ofMinutes(1));
        append(f, "192.0.2.202\n\n\t  # 2001:db8::ca/127         ; IPv6 commented yet\n\t");
        assertTrue(ips.contains(ip("192.0.2.200")));
        assertTrue(ips.contains(ip("192.0.2.201")));
        assertTrue(ips.contains(ip("192.0.2.202")));
        assertFalse(ips.contains(ip("2001:db8::ca")));
        assertFalse(ips.contains(ip("2001:db8::cb")));
        clock.advance(Duration.ofMinutes(1));
        Files.writeString(f, "\n\t\t\t\t# 192.0.2.200              ; commented\n"
                + "\t\t\t\t192.0.2.201, 192.0.2.202   # no .200 anymore\n"
                + "\t\t\t\t2001:db8::ca/127           ; but 2 new IPv6\n\t\t\t");
        assertFalse(ips.contains(ip("192.0.2.200")));
        assertTrue(ips.contains(ip("192.0.2.201")));
        assertTrue(ips.contains(ip("192.0.2.202")));
        assertTrue(ips.contains(ip("2001:db8::ca")));
        assertTrue(ips.contains(ip("2001:db8::cb")));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Boolean.FALSE, ips.isModified());
        assertNull(ips.isModified(), "not checked again within a second");
        append(f, "#END of file\n");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Boolean.TRUE, ips.isModified());
        assertNull(ips.isModified());
    }

    @Test
    void changesWithinTheLatencyAreSeenLater() throws IOException {
        Path f = tmp.resolve("ips");
        Files.writeString(f, "192.0.2.1\n");
        FileIpSet ips = new FileIpSet(f.toString(), clock, dns);
        assertTrue(ips.contains(ip("192.0.2.1")));
        Files.writeString(f, "192.0.2.2 192.0.2.3\n");
        assertFalse(ips.contains(ip("192.0.2.2")), "checked at most once a second");
        clock.advance(Duration.ofMillis(1001));
        assertTrue(ips.contains(ip("192.0.2.2")));
    }

    @Test
    void missingFileIsEmptyAndRetriedAfterAMinute() throws IOException {
        Path f = tmp.resolve("later.ips");
        FileIpSet ips = new FileIpSet(f.toString(), clock, dns);
        assertFalse(ips.contains(ip("192.0.2.1")));
        Files.writeString(f, "192.0.2.1\n");
        clock.advance(Duration.ofSeconds(30));
        assertFalse(ips.contains(ip("192.0.2.1")), "an error postpones the next check");
        clock.advance(Duration.ofSeconds(32));
        assertTrue(ips.contains(ip("192.0.2.1")));
    }

    @Test
    void badEntryKeepsThePreviousContent() throws IOException {
        Path f = tmp.resolve("bad.ips");
        Files.writeString(f, "192.0.2.1\n");
        FileIpSet ips = new FileIpSet(f.toString(), clock, dns);
        assertTrue(ips.contains(ip("192.0.2.1")));
        Files.writeString(f, "192.0.2.9 10.0.0.0/255.0.255.0\n");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(ips.contains(ip("192.0.2.1")));
        assertFalse(ips.contains(ip("192.0.2.9")));
    }

    @Test
    void oneSetPerFileName() {
        FileIpSets sets = new FileIpSets(clock, dns);
        assertSame(sets.get("/a"), sets.get("/a"));
        FileIpSet a = sets.get("/a");
        clock.advance(FileIpSets.MAX_TIME);
        assertFalse(a == sets.get("/a"), "cache entries expire as upstream's");
    }

    private static void append(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
