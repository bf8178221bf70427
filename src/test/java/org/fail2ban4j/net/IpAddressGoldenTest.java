package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link IpAddress} with upstream's {@code IPAddr} (fail2ban 1.1.1) on the golden records in
 * {@code ipaddr-golden.jsonl}, written by {@code make_ipaddr_golden.py} from the Python oracle: parsing with every
 * {@code cidr} mode, text forms, PTR names, masks, {@code searchIP} and network membership.
 */
class IpAddressGoldenTest {

    private static final String GOLDEN = "ipaddr-golden.jsonl";

    static List<Map<String, Object>> records(String kind) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (InputStream in = IpAddressGoldenTest.class.getResourceAsStream(GOLDEN);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Map<String, Object> rec = JSON.std.mapFrom(line);
                if (kind.equals(rec.get("kind"))) {
                    out.add(rec);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Stream<Arguments> parseCases() {
        return records("parse").stream().map(rec -> Arguments.of(
                Named.of(org.fail2ban4j.regex.PyStrings.repr((String) rec.get("text")) + " cidr=" + rec.get("cidr"), rec)));
    }

    static Stream<Arguments> searchCases() {
        return records("search").stream().map(rec -> Arguments.of(
                Named.of(org.fail2ban4j.regex.PyStrings.repr((String) rec.get("text")), rec)));
    }

    static Stream<Arguments> netCases() {
        return records("net").stream().map(rec -> Arguments.of(
                Named.of(rec.get("ip") + " in " + rec.get("net"), rec)));
    }

    @ParameterizedTest
    @MethodSource("parseCases")
    void parseAsUpstream(Map<String, Object> rec) {
        String text = (String) rec.get("text");
        int cidr = ((Number) rec.get("cidr")).intValue();
        if (rec.containsKey("error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.of(text, cidr));
            assertEquals(rec.get("error"), e.getMessage());
            return;
        }
        IpAddress ip = IpAddress.of(text, cidr);
        assertAll(
            () -> assertEquals(rec.get("str"), ip.toString(), "str"),
            () -> assertEquals(rec.get("valid"), ip.isValid(), "isValid"),
            () -> assertEquals(rec.get("family"), ip.family().name(), "family"),
            () -> assertEquals(((Number) rec.get("plen")).intValue(), ip.plen(), "plen"),
            () -> assertEquals(rec.get("single"), ip.isSingle(), "isSingle"),
            () -> assertEquals(rec.get("hex"), ip.hexdump(), "hexdump"),
            () -> assertEquals(rec.get("ptr"), ip.getPTR(), "getPTR()"),
            () -> assertEquals(rec.get("rev"), ip.getPTR(""), "getPTR('')"),
            () -> assertEquals(Optional.ofNullable(rec.get("famstr")), ip.familyStr(), "familyStr"),
            () -> assertEquals(rec.get("raw"), ip.raw(), "raw"),
            () -> assertEquals(rec.get("type"), ip.instanceType(), "instanceType"),
            () -> assertEquals(rec.get("addr"), ip.addr().toString(), "addr"),
            () -> {
                if (rec.containsKey("maskerror")) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ip::maskPlen);
                    assertEquals(rec.get("maskerror"), e.getMessage());
                } else {
                    assertEquals(((Number) rec.get("maskplen")).intValue(), ip.maskPlen(), "maskplen");
                }
            });
    }

    @ParameterizedTest
    @MethodSource("searchCases")
    void searchIpAsUpstream(Map<String, Object> rec) {
        assertEquals(Optional.ofNullable(rec.get("result")), IpAddress.searchIP((String) rec.get("text")));
    }

    @ParameterizedTest
    @MethodSource("netCases")
    void membershipAsUpstream(Map<String, Object> rec) {
        String ipText = (String) rec.get("ip");
        IpAddress ip = ipText.startsWith("RAW:") ? IpAddress.raw(ipText.substring(4)) : IpAddress.parse(ipText);
        IpAddress net = IpAddress.parse((String) rec.get("net"));
        assertAll(
            () -> assertEquals(rec.get("isInNet"), ip.isInNet(net), "isInNet"),
            () -> assertEquals(rec.get("contains"), net.contains(ip), "contains"),
            () -> assertEquals(rec.get("eq"), ip.equals(net), "=="),
            () -> assertEquals(rec.get("isInNet"),
                    NetIndex.of(List.of(net)).firstMatch(ip) == 0, "NetIndex agrees with isInNet"));
    }
}
