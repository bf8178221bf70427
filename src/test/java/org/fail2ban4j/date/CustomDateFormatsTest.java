package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port of upstream's {@code tests/datedetectortestcase.py:CustomDateFormatsTest}. */
class CustomDateFormatsTest {

    private static final DefaultDateTemplates DEFAULTS = DateTestSupport.defaults();
    private static final PatternDateTemplate ISO8601 =
            new PatternDateTemplate("%Y-%m-%d[T ]%H:%M:%S(?:\\.%f)?%z", DateTestSupport.strptime());

    @ParameterizedTest
    @CsvSource(nullValues = "None", value = {
        "2007-01-25T12:00:00Z, 2007-01-25T12:00",
        "2007-01-25T12:00:00+0400, 2007-01-25T08:00",
        "2007-01-25T12:00:00+04:00, 2007-01-25T08:00",
        "2007-01-25T12:00:00-0400, 2007-01-25T16:00",
        "2007-01-25T12:00:00-04, 2007-01-25T16:00",
        "'', None",
        "Z, None",
        "2007-01-01T120:00:00Z, None",
        "2007-13-01T12:00:00Z, None",
    })
    void iso8601(String line, String utc) {
        Optional<DateMatch> d = ISO8601.getDate(line);
        if (utc == null) {
            assertEquals(Optional.empty(), d);
        } else {
            assertEquals(LocalDateTime.parse(utc).toEpochSecond(ZoneOffset.UTC), (long) d.orElseThrow().epochSeconds());
        }
    }

    /**
     * matched (date text, {@code @}epoch seconds, "False" for no date, "None" for a date that is not converted),
     * datepattern ("None" for the default templates), line.
     */
    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = ';', nullValues = "None", value = {
        // positive case:
        "Jan 23 21:59:59;None;Test failure Jan 23 21:59:59 for 192.0.2.1",
        // ambiguous "unbound" patterns (missed):
        "False;None;Test failure TestJan 23 21:59:59.011 2015 for 192.0.2.1",
        "False;None;Test failure Jan 23 21:59:59123456789 for 192.0.2.1",
        // ambiguous "no optional year" patterns (matched):
        "Aug 8 11:25:50;None;Aug 8 11:25:50 20030f2329b8 Authentication failed from 192.0.2.1",
        "Aug 8 11:25:50;None;[Aug 8 11:25:50] 20030f2329b8 Authentication failed from 192.0.2.1",
        "Aug 8 11:25:50 2014;None;Aug 8 11:25:50 2014 20030f2329b8 Authentication failed from 192.0.2.1",
        // direct specified patterns:
        "20:00:00 01.02.2003;%H:%M:%S %d.%m.%Y$;192.0.2.1 at 20:00:00 01.02.2003",
        "[20:00:00 01.02.2003];\\[%H:%M:%S %d.%m.%Y\\];192.0.2.1[20:00:00 01.02.2003]",
        "[20:00:00 01.02.2003];\\[%H:%M:%S %d.%m.%Y\\];[20:00:00 01.02.2003]192.0.2.1",
        "[20:00:00 01.02.2003];\\[%H:%M:%S %d.%m.%Y\\]$;192.0.2.1[20:00:00 01.02.2003]",
        "[20:00:00 01.02.2003];^\\[%H:%M:%S %d.%m.%Y\\];[20:00:00 01.02.2003]192.0.2.1",
        "[17/Jun/2011 17:00:45];^\\[%d/%b/%Y %H:%M:%S\\];[17/Jun/2011 17:00:45] Attempt, IP address 192.0.2.1",
        "[17/Jun/2011 17:00:45];\\[%d/%b/%Y %H:%M:%S\\];Attempt [17/Jun/2011 17:00:45] IP address 192.0.2.1",
        "[17/Jun/2011 17:00:45];\\[%d/%b/%Y %H:%M:%S\\];Attempt IP address 192.0.2.1, date: [17/Jun/2011 17:00:45]",
        // direct specified patterns (begin/end, missed):
        "False;%H:%M:%S %d.%m.%Y;192.0.2.1x20:00:00 01.02.2003",
        "False;%H:%M:%S %d.%m.%Y;20:00:00 01.02.2003x192.0.2.1",
        // direct specified unbound patterns (no begin/end boundary):
        "20:00:00 01.02.2003;**%H:%M:%S %d.%m.%Y**;192.0.2.1x20:00:00 01.02.2003",
        "20:00:00 01.02.2003;**%H:%M:%S %d.%m.%Y**;20:00:00 01.02.2003x192.0.2.1",
        // pattern enclosed with stars (in comparison to example above):
        "*20:00:00 01.02.2003*;\\**%H:%M:%S %d.%m.%Y\\**;test*20:00:00 01.02.2003*test",
        // direct specified patterns (begin/end, matched):
        "20:00:00 01.02.2003;%H:%M:%S %d.%m.%Y;192.0.2.1 20:00:00 01.02.2003",
        "20:00:00 01.02.2003;%H:%M:%S %d.%m.%Y;20:00:00 01.02.2003 192.0.2.1",
        // wrong year in 1st date, so failed by convert using not precise year (filter used last known date),
        // in the 2nd and 3th tests (with precise year) it should find correct the 2nd date:
        "None;%Y-%Exm-%Exd %ExH:%ExM:%ExS;0000-12-30 00:00:00 - 2003-12-30 00:00:00",
        "2003-12-30 00:00:00;%ExY-%Exm-%Exd %ExH:%ExM:%ExS;0000-12-30 00:00:00 - 2003-12-30 00:00:00",
        "2003-12-30 00:00:00;None;0000-12-30 00:00:00 - 2003-12-30 00:00:00",
        // wrong date recognized short month/day (unbounded date pattern without separator between parts),
        // in the 2nd and 3th tests (with precise month and day) it should find correct the 2nd date:
        "200333 010203;%Y%m%d %H%M%S;text:200333 010203 | date:20031230 010203",
        "20031230 010203;%ExY%Exm%Exd %ExH%ExM%ExS;text:200333 010203 | date:20031230 010203",
        "20031230 010203;None;text:200333 010203 | date:20031230 010203",
        // explicit bound in start of the line using {^LN-BEG} key: (negative) without it a wrong date may be
        // found, (positive) with it an unexpected date / log line is not found, or the correct date is found
        "20030101 000000;%ExY%Exm%Exd %ExH%ExM%ExS;00001230 010203 - 20030101 000000",
        "None;{^LN-BEG}%ExY%Exm%Exd %ExH%ExM%ExS;00001230 010203 - 20030101 000000",
        "20031230 010203;{^LN-BEG}%ExY%Exm%Exd %ExH%ExM%ExS;20031230 010203 - 20030101 000000",
        // {^LN-BEG}: up to 2 non-alphanumeric chars front, ** - no word boundary on the right
        "20031230010203;{^LN-BEG}%ExY%Exm%Exd%ExH%ExM%ExS**;2003123001020320030101000000",
        "20031230010203;{^LN-BEG}%ExY%Exm%Exd%ExH%ExM%ExS**;#2003123001020320030101000000",
        "20031230010203;{^LN-BEG}%ExY%Exm%Exd%ExH%ExM%ExS**;##2003123001020320030101000000",
        "20031230010203;{^LN-BEG}%ExY%Exm%Exd%ExH%ExM%ExS;[20031230010203]20030101000000",
        // UTC/GMT time zone offset (with %z and %Z):
        "@1072742523;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %z)?;[2003-12-30 01:02:03] server ...",
        "@1072742523;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %Z)?;[2003-12-30 01:02:03] server ...",
        "@1072746123;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %z)?;[2003-12-30 01:02:03 UTC] server ...",
        "@1072746123;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %Z)?;[2003-12-30 01:02:03 UTC] server ...",
        "@1072746123;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %z)?;[2003-12-30 01:02:03 Z] server ...",
        "@1072746123;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %z)?;[2003-12-30 01:02:03 +0000] server ...",
        "@1072746123;{^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS(?: %Z)?;[2003-12-30 01:02:03 Z] server ...",
    })
    void ambiguousDatePattern(String matched, String dp, String line) {
        DateDetector dd = new DateDetector(DEFAULTS);
        if (dp == null) {
            dd.addDefaultTemplate();
        } else {
            dd.appendTemplate(dp);
        }
        Optional<DateMatch> date = dd.getTime(line);
        if (matched == null || matched.equals("False")) {
            assertEquals(Optional.empty(), date);
        } else if (matched.startsWith("@")) {
            assertEquals(Double.parseDouble(matched.substring(1)), date.orElseThrow().epochSeconds());
        } else {
            assertTrue(date.isPresent(), "no date in " + line);
            assertEquals(matched, date.get().dateText());
        }
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // %B (full month name) and %I (12 == 0):
        "1106438399|^%B %Exd %I:%ExM:%ExS**|January 23 12:59:59",
        // %U (week of year starts on sunday) and %A (weekday):
        "985208399|^%y %U %A %ExH:%ExM:%ExS**|01 11 Wednesday 21:59:59",
        // %W (week of year starts on monday) and %A (weekday):
        "984603599|^%y %W %A %ExH:%ExM:%ExS**|01 11 Wednesday 21:59:59",
        // %W and %w (weekday, 0 - sunday):
        "984949199|^%y %W %w %ExH:%ExM:%ExS**|01 11 0 21:59:59",
        // %W and %w (weekday, 6 - saturday):
        "984862799|^%y %W %w %ExH:%ExM:%ExS**|01 11 6 21:59:59",
        // time only, now == 14 Aug 2005 12:00 -> back to yesterday (13 Aug):
        "1123963199|^%ExH:%ExM:%ExS**|21:59:59",
        // time only -> today (14 Aug):
        "1123970401|^%ExH:%ExM:%ExS**|00:00:01",
        // date with current year, now == Aug 2005 -> back to last year (Sep 2004):
        "1094068799|^%m/%d %ExH:%ExM:%ExS**|09/01 21:59:59",
        // no time (only date) in pattern, assume local 00:00:00 for H:M:S :
        "1093989600|^%Y-%m-%d**|2004-09-01",
        "1093996800|^%Y-%m-%d%z**|2004-09-01Z",
    })
    void variousFormatSpecs(double matched, String dp, String line) {
        DateDetector dd = new DateDetector(DEFAULTS);
        dd.appendTemplate(dp);
        assertEquals(matched, dd.getTime(line).orElseThrow().epochSeconds());
    }
}
