package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.fail2ban4j.ban.BanRecord;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.expr.PyFloats;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanQuery;
import org.fail2ban4j.persist.CurrentBansQuery;
import org.fail2ban4j.persist.SqliteBanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fail2ban database against Python fail2ban (the installed oracle, whose database.py equals 1.1.1's): the same
 * operations give the same file (schema, column types and values, the JSON bytes of the data column), Python
 * reads a database we wrote as it reads its own, we read a database Python wrote as Python does, and upgrading
 * upstream's version 1 and 2 databases gives the same result on both sides.
 */
class PersistCompatTest {

    /** Python side: {@code write}, {@code read}, {@code dump} (neutral sqlite3 dump) and {@code upgrade}. */
    static final String PYTHON = """
        import sys, json, sqlite3
        from fail2ban.server.mytime import MyTime
        from fail2ban.server.database import Fail2BanDb
        from fail2ban.server.ticket import FailTicket
        MyTime.setTime(1124013600)

        class Actions:
            def __init__(self, bt): self.bt = bt
            def getBanTime(self): return self.bt
        class Jail:
            def __init__(self, name, bt=600):
                self.name = name; self.actions = Actions(bt)
            def getMaxBanTime(self): return self.actions.getBanTime()
        class Log:
            def __init__(self, name, pos, h): self.n, self.p, self.h = name, pos, h
            def getFileName(self): return self.n
            def getPos(self): return self.p
            def getHash(self): return self.h

        def write(f):
            db = Fail2BanDb(f)
            sshd, rec, old = Jail('sshd'), Jail('recidive', 86400), Jail('old')
            for j in (sshd, rec, old): db.addJail(j)
            db.delJail(old)
            t1 = FailTicket('192.0.2.1', 1124013000.25, ['line one\\n', 'line \\u00e9 two'])
            t1.setAttempt(3); t1.incrBanCount()
            db.addBan(sshd, t1)
            t2 = FailTicket('2001:db8::1', 1124013500.5, ['m%d' % i for i in range(12)])
            t2.setData('user', 'root'); t2.setBanTime(1630.4727); t2.incrBanCount(2)
            db.addBan(sshd, t2)
            t3 = FailTicket('192.0.2.1', 1124013590, [])
            t3.setBanTime(-1); t3.incrBanCount(3)
            db.addBan(rec, t3)
            t4 = FailTicket('host-or-raw-id', 1124013599, ['m'])
            db.addBan(rec, t4)
            db.addLog(sshd, Log('/var/log/auth.log', 0, 'd41d8cd98f00b204e9800998ecf8427e'))
            db.updateLog(sshd, Log('/var/log/auth.log', 1234, '6c187bc8cb287130973fd01e9a2433e7'))
            db.updateJournal(sshd, 'systemd-journal', 1124013599.75, '2005-08-14T10:59:59.750000')
            db.close()

        def tstr(t):
            bt = t.getBanTime()
            return '%s|%.6f|%s|%s|%d|%r' % (t.getID(), t.getTime(), 'None' if bt is None else repr(bt), t.getBanCount(),
                t.getAttempt() if 'failures' in t.getData() else 0, t.getMatches())

        def read(f):
            db = Fail2BanDb(f)
            out = []
            out.append('jails|%s' % sorted(db.getJailNames()))
            for t in db.getBans(): out.append('bans|' + tstr(t))
            for t in db.getBans(jail=Jail('sshd')): out.append('bans sshd|' + tstr(t))
            for t in db.getBansMerged(): out.append('merged|' + tstr(t))
            for t in db.getCurrentBans(fromtime=1124013600, correctBanTime=False): out.append('current|' + tstr(t))
            for t in db.getCurrentBans(jail=Jail('sshd'), fromtime=1124013600): out.append('current sshd|' + tstr(t))
            for ip in ('192.0.2.1', '2001:db8::1', '192.0.2.99'):
                for j, ov in ((Jail('sshd'), False), (Jail('recidive'), False), (None, True)):
                    for r in db.getBan(ip, j, overalljails=ov):
                        out.append('ban|%s|%s|%s|%d|%.6f|%r' % (ip, j.name if j else '*', ov, r[0], r[1], r[2]))
            h = '6c187bc8cb287130973fd01e9a2433e7'
            out.append('log|%r' % db.addLog(Jail('sshd'), Log('/var/log/auth.log', 0, h)))
            out.append('log other hash|%r' % db.addLog(Jail('sshd'), Log('/var/log/auth.log', 0, 'ffff')))
            out.append('journal|%r' % db.getJournalPos(Jail('sshd'), 'systemd-journal'))
            db.close()
            print('\\n'.join(out))

        def dump(f):
            c = sqlite3.connect(f)
            out = []
            for r in sorted(c.execute('select type, name, tbl_name, sql from sqlite_master'), key=str):
                out.append('schema|%r' % (r,))
            for t in ('fail2banDb', 'jails', 'logs', 'bans', 'bips'):
                cols = [r[1] for r in c.execute('pragma table_info(%s)' % t)]
                sel = ', '.join('typeof(%s), quote(%s)' % (x, x) for x in cols)
                for r in c.execute('select %s from %s order by rowid' % (sel, t)):
                    out.append('%s|%s' % (t, '|'.join(str(v) for v in r)))
            print('\\n'.join(out))

        def upgrade(f):
            Fail2BanDb(f).close()

        {'write': write, 'read': read, 'dump': dump, 'upgrade': upgrade}[sys.argv[1]](sys.argv[2])
        """;

    static final Instant NOW = Instant.ofEpochSecond(1124013600);
    static final InstantSource CLOCK = InstantSource.fixed(NOW);
    static final String AUTH_LOG = "/var/log/auth.log";

    @TempDir
    Path dir;

    static String python(String mode, Path file) throws Exception {
        Oracle.Run r = Oracle.python("python3", List.of("-c", PYTHON.stripIndent(), mode, file.toString()));
        assertEquals(0, r.status(), () -> "python " + mode + " failed:\n" + r.stderr());
        return r.stdout();
    }

    static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    /** The write scenario of the Python script, through our store. */
    static void write(Path file) {
        BanTime sshd = BanTime.ofSeconds(600);
        BanTime recidive = BanTime.ofSeconds(86400);
        try (SqliteBanStore db = SqliteBanStore.open(file.toString(), CLOCK)) {
            db.addJail("sshd");
            db.addJail("recidive");
            db.addJail("old");
            db.delJail("old");
            FailTicket t1 = new FailTicket(ip("192.0.2.1"), EpochSeconds.toInstant(1124013000.25),
                    List.of("line one\n", "line \u00e9 two"));
            t1.setAttempt(3);
            t1.incrBanCount();
            db.addBan("sshd", t1, sshd);
            List<String> m = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                m.add("m" + i);
            }
            FailTicket t2 = new FailTicket(ip("2001:db8::1"), EpochSeconds.toInstant(1124013500.5), m);
            t2.setData("user", "root");
            t2.setBanTime(BanTime.ofSeconds(1630.4727));
            t2.incrBanCount(2);
            db.addBan("sshd", t2, sshd);
            FailTicket t3 = new FailTicket(ip("192.0.2.1"), Instant.ofEpochSecond(1124013590), List.of());
            t3.setBanTime(BanTime.PERMANENT);
            t3.incrBanCount(3);
            db.addBan("recidive", t3, recidive);
            FailTicket t4 = new FailTicket(ip("host-or-raw-id"), Instant.ofEpochSecond(1124013599), List.of("m"));
            db.addBan("recidive", t4, recidive);
            db.addLog("sshd", AUTH_LOG, 0, "d41d8cd98f00b204e9800998ecf8427e");
            db.updateLog("sshd", AUTH_LOG, 1234, "6c187bc8cb287130973fd01e9a2433e7");
            db.updateJournal("sshd", "systemd-journal", 1124013599.75, "2005-08-14T10:59:59.750000");
        }
    }

    private static String pyList(List<String> l) {
        return l.stream().map(s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String tstr(FailTicket t) {
        return String.format("%s|%.6f|%s|%d|%d|%s", t.id(), EpochSeconds.toDouble(t.time()),
                t.banTime().map(BanTime::toString).orElse("None"), t.banCount(), t.attempt(), pyList(t.matches()));
    }

    /** The read part of the Python script, through our store (without upstream's one-row getJailNames). */
    static String read(Path file) {
        List<String> out = new ArrayList<>();
        BanTime bt600 = BanTime.ofSeconds(600);
        try (SqliteBanStore db = SqliteBanStore.open(file.toString(), CLOCK)) {
            db.getBans(BanQuery.all()).forEach(t -> out.add("bans|" + tstr(t)));
            db.getBans(BanQuery.all().jail("sshd")).forEach(t -> out.add("bans sshd|" + tstr(t)));
            db.getBansMerged(BanQuery.all()).forEach(t -> out.add("merged|" + tstr(t)));
            db.getCurrentBans(CurrentBansQuery.all().fromTime(NOW).correctBanTime(false))
                    .forEach(t -> out.add("current|" + tstr(t)));
            db.getCurrentBans(CurrentBansQuery.all().jail("sshd", bt600, bt600).fromTime(NOW))
                    .forEach(t -> out.add("current sshd|" + tstr(t)));
            for (String ip : List.of("192.0.2.1", "2001:db8::1", "192.0.2.99")) {
                for (Object[] q : new Object[][] {{"sshd", false}, {"recidive", false}, {null, true}}) {
                    BanQuery bq = BanQuery.all().overallJails((Boolean) q[1]);
                    if (q[0] != null) {
                        bq = bq.jail((String) q[0]);
                    }
                    for (BanRecord r : db.getBan(ip(ip), bq)) {
                        out.add(String.format("ban|%s|%s|%s|%d|%.6f|%s", ip, q[0] == null ? "*" : q[0],
                                (Boolean) q[1] ? "True" : "False", r.banCount(), EpochSeconds.toDouble(r.timeOfBan()),
                                r.banTime()));
                    }
                }
            }
            OptionalLong pos = db.addLog("sshd", AUTH_LOG, 0, "6c187bc8cb287130973fd01e9a2433e7");
            out.add("log|" + (pos.isPresent() ? Long.toString(pos.getAsLong()) : "None"));
            pos = db.addLog("sshd", AUTH_LOG, 0, "ffff");
            out.add("log other hash|" + (pos.isPresent() ? Long.toString(pos.getAsLong()) : "None"));
            OptionalDouble j = db.getJournalPos("sshd", "systemd-journal");
            out.add("journal|" + (j.isPresent() ? PyFloats.repr(j.getAsDouble()) : "None"));
        }
        return String.join("\n", out) + "\n";
    }

    private static String withoutJails(String pythonRead) {
        return pythonRead.lines().filter(l -> !l.startsWith("jails|")).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void sameOperationsGiveTheSameFile() throws Exception {
        Path py = dir.resolve("python.sqlite3");
        Path ours = dir.resolve("ours.sqlite3");
        python("write", py);
        write(ours);
        String expected = python("dump", py);
        assertTrue(expected.contains("bans|text|'sshd'|text|'2001:db8::1'|integer|1124013500|real|1630.4727"),
                expected);
        String actual = python("dump", ours);
        assertEquals(expected, actual, Oracle.diff(expected, actual, 10));
    }

    @Test
    void pythonReadsOurDatabase() throws Exception {
        Path py = dir.resolve("python.sqlite3");
        Path ours = dir.resolve("ours.sqlite3");
        python("write", py);
        write(ours);
        String expected = python("read", py);
        String actual = python("read", ours);
        assertEquals(expected, actual, Oracle.diff(expected, actual, 10));
    }

    @Test
    void weReadPythonsDatabase() throws Exception {
        Path py = dir.resolve("python.sqlite3");
        python("write", py);
        String expected = withoutJails(python("read", py));
        String actual = read(py);
        assertEquals(expected, actual, Oracle.diff(expected, actual, 10));
        try (SqliteBanStore db = SqliteBanStore.open(py.toString(), CLOCK)) {
            assertEquals(java.util.Set.of("sshd", "recidive", "old"), db.getJailNames());
            assertEquals(java.util.Set.of("old"), db.getJailNames(false));
        }
    }

    private void upgradeBothWays(String fixture) throws Exception {
        Path src = Oracle.upstream().resolve("tests-files").resolve(fixture);
        Files.createDirectories(dir.resolve("py"));
        Files.createDirectories(dir.resolve("ours"));
        Path py = dir.resolve("py").resolve(fixture);
        Path ours = dir.resolve("ours").resolve(fixture);
        Files.copy(src, py);
        Files.copy(src, ours);
        python("upgrade", py);
        SqliteBanStore.open(ours.toString(), CLOCK).close();
        String expected = python("dump", py);
        assertTrue(expected.contains("fail2banDb|integer|4"), expected);
        String actual = python("dump", ours);
        assertEquals(expected, actual, Oracle.diff(expected, actual, 10));
    }

    @Test
    void upgradeVersion1LikePython() throws Exception {
        upgradeBothWays("database_v1.db");
    }

    @Test
    void upgradeVersion2LikePython() throws Exception {
        upgradeBothWays("database_v2.db");
    }

    @Test
    void dataColumnOfUnusualValuesIsPythons() throws IOException {
        // values whose JSON text depends on the writer: sets, floats, control and non-ASCII characters
        Path ours = dir.resolve("values.sqlite3");
        try (SqliteBanStore db = SqliteBanStore.open(ours.toString(), CLOCK)) {
            db.addJail("j");
            FailTicket t = new FailTicket(ip("192.0.2.5"), NOW, List.of("tab\there \u001b \u2028 \"q\""),
                    Map.of("x", 1.5e16, "users", new java.util.LinkedHashSet<>(List.of("root"))));
            db.addBan("j", t, BanTime.ofSeconds(600));
            FailTicket back = db.getBans(BanQuery.all()).get(0);
            assertEquals(t.matches(), back.matches());
            assertEquals("['root']", back.data("users").orElseThrow());
            assertEquals(1.5e16, back.data("x").orElseThrow());
        }
    }
}
