package org.fail2ban4j.date;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/strptime.py:validateTimeZone}, {@code zone2offset} and {@code TZ_ABBR_OFFS}:
 * fixed-offset time zones as fail2ban understands them, in minutes east of UTC.
 *
 * <p>Accepted forms: an optional zone abbreviation from upstream's table ({@code UTC}, {@code GMT}, {@code Z},
 * {@code CET}, {@code CEST}, {@code EST}, military letters...) followed by an optional offset {@code [+-]hh},
 * {@code [+-]hhmm} or {@code [+-]hh:mm} (the first hour digit is 0 or 1): {@code UTC+0300}, {@code GMT+12},
 * {@code CET+01}, {@code -04:30}, {@code EEST}. The abbreviations are fixed offsets: {@code CET} never switches
 * to summer time. The empty string means UTC, as upstream.
 */
public final class TimeZoneOffsets {

    private static final Pattern FIXED_OFFSET_TZ = Pattern.compile(
            "([A-Z](?:[A-Z]{2,4})?)?([+-][01]\\d(?::?\\d{2})?)?$",
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);

    private static final String TZ_STR = """
            -12 Y
            -11 X NUT SST
            -10 W CKT HAST HST TAHT TKT
            -9 V AKST GAMT GIT HADT HNY
            -8 U AKDT CIST HAY HNP PST PT
            -7 T HAP HNR MST PDT
            -6 S CST EAST GALT HAR HNC MDT
            -5 R CDT COT EASST ECT EST ET HAC HNE PET
            -4 Q AST BOT CLT COST EDT FKT GYT HAE HNA PYT
            -3 P ADT ART BRT CLST FKST GFT HAA PMST PYST SRT UYT WGT
            -2 O BRST FNT PMDT UYST WGST
            -1 N AZOT CVT EGT
            0 Z EGST GMT UTC WET WT
            1 A CET DFT WAT WEDT WEST
            2 B CAT CEDT CEST EET SAST WAST
            3 C EAT EEDT EEST IDT MSK
            4 D AMT AZT GET GST KUYT MSD MUT RET SAMT SCT
            5 E AMST AQTT AZST HMT MAWT MVT PKT TFT TJT TMT UZT YEKT
            6 F ALMT BIOT BTT IOT KGT NOVT OMST YEKST
            7 G CXT DAVT HOVT ICT KRAT NOVST OMSST THA WIB
            8 H ACT AWST BDT BNT CAST HKT IRKT KRAST MYT PHT SGT ULAT WITA WST
            9 I AWDT IRKST JST KST PWT TLT WDT WIT YAKT
            10 K AEST ChST PGT VLAT YAKST YAPT
            11 L AEDT LHDT MAGT NCT PONT SBT VLAST VUT
            12 M ANAST ANAT FJT GILT MAGST MHT NZST PETST PETT TVT WFT
            13 FJST NZDT
            11.5 NFT
            10.5 ACDT LHST
            9.5 ACST
            6.5 CCT MMT
            5.75 NPT
            5.5 SLT
            4.5 AFT IRDT
            3.5 IRST
            -2.5 HAT NDT
            -3.5 HNT NST NT
            -4.5 HLV VET
            -9.5 MART MIT
            """;

    /** abbreviation -> offset in minutes. */
    private static final Map<String, Integer> ABBREVIATIONS;

    static {
        Map<String, Integer> m = new HashMap<>();
        for (String line : TZ_STR.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            int minutes = (int) (Double.parseDouble(parts[0]) * 60);
            for (int i = 1; i < parts.length; i++) {
                m.put(parts[i], minutes);
            }
        }
        ABBREVIATIONS = Map.copyOf(m);
    }

    private TimeZoneOffsets() {
    }

    /**
     * Validates a time zone given in a config ({@code logtimezone}) or in a log line, and returns its offset.
     *
     * @param tz the zone text, e.g. {@code UTC+0200}, {@code CEST}, {@code -04:30}
     * @return the offset in minutes east of UTC
     * @throws IllegalArgumentException if the text is not a supported fixed-offset zone
     */
    public static int offsetMinutes(String tz) {
        if (tz == null) {
            throw new IllegalArgumentException("Unknown or unsupported time zone: None");
        }
        Matcher m = FIXED_OFFSET_TZ.matcher(tz);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("Unknown or unsupported time zone: '" + tz + "'");
        }
        return offsetMinutes(tz, m.group(1), m.group(2));
    }

    private static int offsetMinutes(String tz, String abbr, String tzo) {
        int base = 0;
        if (abbr != null && !abbr.isEmpty()) {
            Integer b = ABBREVIATIONS.get(abbr);
            if (b == null) {
                throw new IllegalArgumentException("Unknown or unsupported time zone: '" + tz + "'");
            }
            base = b;
        }
        if (tzo == null || tzo.isEmpty()) {
            return base;
        }
        int sign = tzo.charAt(0) == '-' ? -1 : 1;
        int hours = digit(tzo.charAt(1)) * 10 + digit(tzo.charAt(2));
        if (tzo.length() <= 3) {
            return base + sign * hours * 60;
        }
        int m0 = tzo.charAt(3) == ':' ? 4 : 3;
        int minutes = digit(tzo.charAt(m0)) * 10 + digit(tzo.charAt(m0 + 1));
        return base + sign * (hours * 60 + minutes);
    }

    private static int digit(char c) {
        return Character.digit(c, 10);
    }

    /**
     * The offset of a zone found in a log line by {@code %z}/{@code %Z} (and their {@code %Ex} forms):
     * {@code Z}, {@code UTC} and {@code GMT} are 0, anything else goes through {@link #offsetMinutes(String)}.
     */
    static int offsetOfLogZone(String z) {
        if (z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
            return 0;
        }
        return offsetMinutes(z);
    }
}
