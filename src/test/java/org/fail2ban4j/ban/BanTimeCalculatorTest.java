package org.fail2ban4j.ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ban-time increment against fail2ban 1.1.1: every expected value below was computed by upstream's own code
 * ({@code Jail.setBanTimeExtra} + {@code ObserverThread.calcBanTime}, {@code incrBanTime} and {@code failureFound}
 * with a stub database) for the same options and history, with {@code random.random} replaced by the sequence of
 * {@link #RANDOM}. The values are Python reprs, so the int/float type is checked too.
 */
class BanTimeCalculatorTest {

    /** The values upstream's {@code random.random()} returned while the tables were computed, in order. */
    static final double[] RANDOM = {0.0, 0.5, 0.9999999999999999, 0.25, 0.123456789, 0.75, 0.3333333333333333, 0.01,
        0.99, 0.6, 0.42, 0.05};

    /** Replays {@link #RANDOM}. */
    static final class ReplayRandom implements RandomGenerator {
        private int i;

        @Override
        public long nextLong() {
            throw new AssertionError("only nextDouble is used");
        }

        @Override
        public double nextDouble() {
            return RANDOM[i++ % RANDOM.length];
        }
    }

    static BanTimePolicy policy(String spec) {
        Map<String, String> opts = new LinkedHashMap<>();
        if (!spec.isEmpty()) {
            for (String kv : spec.split(";")) {
                int eq = kv.indexOf('=');
                opts.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return BanTimePolicy.of(opts);
    }

    static Stream<Arguments> calcBanTime() {
        return Stream.of(
            Arguments.of("", 600, "600 1200 2400 4800 9600 19200 38400 76800 153600 307200 614400 1228800"),
            Arguments.of("factor=2", 600, "1200 2400 4800 9600 19200 38400 76800 153600 307200 614400 1228800 2457600"),
            Arguments.of("factor=1.33", 600, "798.0 1596.0 3192.0 6384.0 12768.0 25536.0 51072.0 102144.0 204288.0 "
                + "408576.0 817152.0 1634304.0"),
            Arguments.of("factor=2.0 / 2.885385", 600, "600 831.7780816078271 1663.5561632156541 3327.1123264313082 "
                + "6654.2246528626165 13308.449305725233 26616.898611450466 53233.79722290093 106467.59444580186 "
                + "212935.18889160373 425870.37778320746 851740.7555664149"),
            Arguments.of("maxtime=1d", 600, "600 1200 2400 4800 9600 19200 38400 76800 86400 86400 86400 86400"),
            Arguments.of("maxtime=30d", 600, "600 1200 2400 4800 9600 19200 38400 76800 153600 307200 614400 1228800"),
            Arguments.of("maxtime=12h;factor=2", 600, "1200 2400 4800 9600 19200 38400 43200 43200 43200 43200 43200 "
                + "43200"),
            Arguments.of("maxtime=1.5h", 600, "600 1200 2400 4800 5400.0 5400.0 5400.0 5400.0 5400.0 5400.0 5400.0 "
                + "5400.0"),
            Arguments.of("formula=ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor);"
                + "factor=2.0 / 2.885385", 600, "600 1200.0014649367868 2400.0058597507245 4800.017579262904 "
                + "9600.046878063022 19200.11719522909 38400.28126872149 76800.65629408408 153601.50010167938 "
                + "307203.37523083866 614407.5005175527 1228816.5011486888"),
            Arguments.of("formula=ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor);factor=1;"
                + "maxtime=24h", 600, "600 1630.9690970754273 4433.43365935839 12051.3221539126 32758.890019886545 "
                + "86400 86400 86400 86400 86400 86400 86400"),
            Arguments.of("formula=ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor);"
                + "factor=2.0 / 2.885385;maxtime=30d", 3600, "3600 7200.0087896207215 14400.035158504346 "
                + "28800.105475577424 57600.28126837814 115200.70317137455 230401.68761232894 460803.9377645046 "
                + "921609.0006100762 1843220.2513850317 2592000 2592000"),
            Arguments.of("formula=ban.Time / 2", 600, "600 600 600 600 600 600 600 600 600 600 600 600"),
            Arguments.of("formula=ban.Time + ban.Count * 100.5", 600, "600 700.5 801.0 901.5 1002.0 1102.5 1203.0 "
                + "1303.5 1404.0 1504.5 1605.0 1705.5"),
            Arguments.of("formula=ban.Time * (ban.Count + 1) if ban.Count < 3 else 86400", 600, "600 1200 1800 86400 "
                + "86400 86400 86400 86400 86400 86400 86400 86400"),
            Arguments.of("multipliers=1 2 4 8 16 32 64 128 256", 600, "600 1200 2400 4800 9600 19200 38400 76800 "
                + "153600 153600 153600 153600"),
            Arguments.of("multipliers=1 2 4 8 16 32 64 128 256 512 1024 2048 4096 8192 16384 32768 65536 131072 "
                + "262144 524288 1048576 2097152 4194304 8388608 16777216 33554432 67108864 134217728 268435456 "
                + "536870912 1073741824", 600, "600 1200 2400 4800 9600 19200 38400 76800 153600 307200 614400 "
                + "1228800"),
            Arguments.of("multipliers=1 5 30 60 300 720 1440 2880", 60, "60 300 1800 3600 18000 43200 86400 172800 "
                + "172800 172800 172800 172800"),
            Arguments.of("multipliers=1 5 30 60 300 720 1440 2880;factor=1.5;maxtime=5d", 60, "90.0 450.0 2700.0 "
                + "5400.0 27000.0 64800.0 129600.0 259200.0 259200.0 259200.0 259200.0 259200.0"),
            Arguments.of("multipliers=2", 100, "200 200 200 200 200 200 200 200 200 200 200 200"),
            Arguments.of("multipliers=1 2 3;factor=3", 7, "21 42 63 63 63 63 63 63 63 63 63 63"),
            Arguments.of("rndtime=5m", 600, "600.0 1350.0 2700.0 4875.0 9637.0370367 19425.0 38500.0 76803.0 "
                + "153897.0 307380.0 614526.0 1228815.0"),
            Arguments.of("rndtime=5m;maxtime=1d", 600, "600.0 1350.0 2700.0 4875.0 9637.0370367 19425.0 38500.0 "
                + "76803.0 86697.0 86580.0 86526.0 86415.0"),
            Arguments.of("rndtime=1.5;multipliers=1 2 3", 10, "10.0 20.75 31.5 30.375 30.1851851835 31.125 30.5 "
                + "30.015 31.485 30.9 30.63 30.075"),
            Arguments.of("rndtime=10m;formula=ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor);"
                + "factor=1", 600, "600.0 1930.9690970754273 5033.43365935839 12201.3221539126 32832.964093286544 "
                + "89497.89546154597 242257.27609564105 657985.8950570752 1789168.792225037 4862210.35654523 "
                + "13216131.47688403 35924515.02911869"));
    }

    @ParameterizedTest(name = "[{index}] {0} bantime={1}")
    @MethodSource
    void calcBanTime(String options, long banTime, String expected) {
        BanTimePolicy p = policy(options);
        BanTimeCalculator calc = new BanTimeCalculator(new ReplayRandom());
        List<String> got = new ArrayList<>();
        for (int count = 0; count < 12; count++) {
            got.add(calc.calcBanTime(p, BanTime.ofSeconds(banTime), count).toString());
        }
        assertEquals(expected, String.join(" ", got));
    }

    /** Upstream observertestcase.py BanTimeIncr.testDefault / testMultipliers / testFormula, as int values. */
    @Test
    void upstreamObserverTables() {
        BanTimeCalculator calc = new BanTimeCalculator(new ReplayRandom());
        BanTimePolicy p = policy("increment=true;maxtime=1d");
        assertEquals(List.of(1200L, 2400L, 4800L, 9600L, 19200L, 38400L, 76800L, 86400L, 86400L, 86400L),
                series(calc, p, 600));
        p = p.with("factor", "1.33");
        assertEquals(List.of(1596L, 3192L, 6384L, 12768L, 25536L, 51072L, 86400L, 86400L, 86400L, 86400L),
                series(calc, p, 600));
        p = policy("maxtime=30d;multipliers=1 2 4 8 16 32 64 128 256");
        assertEquals(List.of(1200L, 2400L, 4800L, 9600L, 19200L, 38400L, 76800L, 153600L, 153600L, 153600L),
                series(calc, p, 600));
        p = policy("maxtime=30d;formula=ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor);"
                + "factor=2.0 / 2.885385");
        assertEquals(List.of(1200L, 2400L, 4800L, 9600L, 19200L, 38400L, 76800L, 153601L, 307203L, 614407L),
                series(calc, p, 600));
        p = p.with("maxtime", "24h").with("factor", "1");
        assertEquals(List.of(1630L, 4433L, 12051L, 32758L, 86400L, 86400L, 86400L, 86400L, 86400L, 86400L),
                series(calc, p, 600));
    }

    private static List<Long> series(BanTimeCalculator calc, BanTimePolicy p, long banTime) {
        List<Long> l = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            l.add((long) calc.calcBanTime(p, BanTime.ofSeconds(banTime), i).seconds());
        }
        return l;
    }

    static Stream<Arguments> incrBanTime() {
        String expFormula = "formula=ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)";
        return Stream.of(
            Arguments.of("increment=true", 600, 1000, 0, "", "600", 0, "None", false),
            Arguments.of("increment=true", 600, 1000, 0, "1/900/600", "1200", 2, "1200", false),
            Arguments.of("increment=true", 600, 1000, 0, "3/900/2400", "4800", 4, "4800", false),
            Arguments.of("increment=true", 600, 1000, 5, "3/900/2400", "4800", 5, "4800", false),
            Arguments.of("increment=true", 600, 1000, 3, "3/900/2400", "4800", 4, "4800", false),
            Arguments.of("increment=true", 600, 900, 0, "2/900/1200", "2400", 3, "2400", true),
            Arguments.of("increment=true", 600, 800, 0, "2/900/1200", "2400", 3, "2400", true),
            Arguments.of("increment=true", 600, 1000, 0, "0/900/600", "600", 1, "600", false),
            Arguments.of("increment=false", 600, 1000, 0, "3/900/2400", "600", 0, "None", false),
            Arguments.of("increment=true", -1, 1000, 0, "3/900/2400", "-1", 0, "None", false),
            Arguments.of("increment=true", 0, 1000, 0, "3/900/2400", "0", 0, "None", false),
            Arguments.of("increment=true;maxtime=1h", 600, 1000, 0, "4/900/3600", "3600", 5, "3600", false),
            Arguments.of("increment=true;multipliers=1 5 30;factor=2", 60, 1000, 0, "7/900/3600", "3600", 8, "3600",
                false),
            Arguments.of("increment=true;overalljails=true", 600, 1000, 0, "6/900/7200", "38400", 7, "38400", false),
            Arguments.of("increment=true;rndtime=20", 600, 1000, 0, "2/900/1200", "2400.0", 3, "2400.0", false),
            Arguments.of("increment=true;" + expFormula + ";factor=1", 600, 1000, 1, "2/999/1630",
                "4433.43365935839", 3, "4433.43365935839", false));
    }

    static Optional<BanRecord> record(String spec) {
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        String[] p = spec.split("/");
        return Optional.of(new BanRecord(Integer.parseInt(p[0]), Instant.ofEpochSecond(Long.parseLong(p[1])),
                BanTime.ofSeconds(Long.parseLong(p[2]))));
    }

    @ParameterizedTest(name = "[{index}] {0} bantime={1} history={4}")
    @MethodSource
    void incrBanTime(String options, long banTime, long ticketTime, int ticketBanCount, String history,
            String expected, int expectedBanCount, String expectedTicketBanTime, boolean expectedRestored) {
        BanTimeCalculator calc = new BanTimeCalculator(new ReplayRandom());
        FailTicket t = new FailTicket(IpAddress.parse("192.0.2.1"), Instant.ofEpochSecond(ticketTime));
        t.setBanCount(ticketBanCount);
        BanTime got = calc.incrBanTime(policy(options), BanTime.ofSeconds(banTime), t, record(history));
        assertEquals(expected, got.toString());
        assertEquals(expectedBanCount, t.banCount());
        assertEquals(expectedTicketBanTime, t.banTime().map(BanTime::toString).orElse("None"));
        assertEquals(expectedRestored, t.restored());
    }

    static Stream<Arguments> retryIncrease() {
        return Stream.of(
            Arguments.of(3, 1000, 0, "", 0.0, 0),
            Arguments.of(3, 1000, 0, "1/900/600", 1.0, 1),
            Arguments.of(5, 1000, 0, "1/900/600", 1.0, 1),
            Arguments.of(5, 1000, 0, "2/900/600", 2.0, 2),
            Arguments.of(10, 1000, 0, "3/900/600", 4.0, 3),
            Arguments.of(10, 1000, 4, "3/900/600", 8.0, 4),
            Arguments.of(100, 1000, 0, "25/900/600", 99.0, 25),
            Arguments.of(3, 900, 0, "3/900/600", 0.0, 0),
            Arguments.of(3, 800, 0, "3/900/600", 0.0, 0),
            Arguments.of(1, 1000, 0, "3/900/600", 0.0, 0),
            Arguments.of(3, 1000, 0, "0/900/600", 0.5, 0),
            Arguments.of(2, 1000, 0, "1/900/600", 1.0, 1));
    }

    /**
     * {@code failureFound}: the retries upstream added to the failure counter (a float: 0.5 for a ban count of 0,
     * where we add nothing) and the ban count it gave the ticket.
     */
    @ParameterizedTest(name = "[{index}] maxretry={0} time={1} history={3}")
    @MethodSource
    void retryIncrease(int maxRetry, long ticketTime, int ticketBanCount, String history, double pythonAdded,
            int expectedBanCount) {
        FailTicket t = new FailTicket(IpAddress.parse("192.0.2.1"), Instant.ofEpochSecond(ticketTime));
        t.setBanCount(ticketBanCount);
        Optional<BanTimeCalculator.RetryIncrease> r = BanTimeCalculator.retryIncrease(maxRetry, t, record(history));
        if (pythonAdded == 0.0) {
            assertTrue(r.isEmpty(), r.toString());
            return;
        }
        assertEquals(pythonAdded, r.get().retryCount() - 1);
        assertEquals((int) pythonAdded, r.get().additionalRetries());
        FailureCounter fc = new FailureCounter();
        fc.setMaxRetry(maxRetry);
        fc.addFailure(t);
        int before = t.retry();
        fc.addFailure(t, r.get().additionalRetries(), true);
        t.setBanCount(r.get().banCount());
        assertEquals((int) pythonAdded, t.retry() - before);
        assertEquals(expectedBanCount, t.banCount());
    }

    @Test
    void rndtimeUsesOneRandomPerBanTime() {
        int[] calls = {0};
        RandomGenerator r = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError();
            }

            @Override
            public double nextDouble() {
                calls[0]++;
                return 0.5;
            }
        };
        BanTimeCalculator calc = new BanTimeCalculator(r);
        assertEquals("750.0", calc.calcBanTime(policy("rndtime=5m;maxtime=600"), BanTime.ofSeconds(600), 3)
                .toString());
        assertEquals(1, calls[0]);
        calc.calcBanTime(policy(""), BanTime.ofSeconds(600), 3);
        assertEquals(1, calls[0]);
    }

    @Test
    void formulaErrorsNameTheFormula() {
        BanTimeCalculator calc = new BanTimeCalculator(new ReplayRandom());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> calc.calcBanTime(policy("formula=ban.Time * nosuch"), BanTime.ofSeconds(600), 1));
        assertTrue(e.getMessage().contains("ban.Time * nosuch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> calc.calcBanTime(policy("formula=ban.Time / (ban.Count - 1)"), BanTime.ofSeconds(600), 1));
        assertTrue(e.getMessage().contains("bantime.formula"), e.getMessage());
        assertFalse(calc.calcBanTime(policy("formula=ban.Time / (ban.Count - 1)"), BanTime.ofSeconds(600), 2)
                .isPermanent());
    }
}
