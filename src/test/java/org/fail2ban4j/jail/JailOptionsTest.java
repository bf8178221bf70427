package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.fail2ban4j.action.ActionException;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settable options of a jail ({@code set/get <jail> ...}) and reloads. */
class JailOptionsTest {

    private JailFixture fx;
    private Jail jail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new JailFixture();
        jail = fx.jail("test", Optional.empty());
    }

    @AfterEach
    void tearDown() {
        jail.stop();
    }

    @Test
    void defaultsAreUpstreams() {
        assertEquals("test", jail.name());
        assertEquals("polling", jail.backend());
        assertEquals("polling", jail.realBackend());
        assertEquals(3, jail.maxRetry());
        assertEquals(600L, jail.findTime());
        assertEquals(BanTime.ofSeconds(600), jail.banTime());
        assertEquals(5, jail.maxMatches());
        assertEquals(1, jail.maxLines());
        assertEquals("warn", jail.useDns());
        assertEquals("", jail.prefRegex());
        assertEquals(List.of(), jail.ignoreRegexes());
        assertEquals(Optional.empty(), jail.ignoreCommand());
        assertEquals(Optional.empty(), jail.ignoreCache());
        assertTrue(jail.isIgnoreSelf());
        assertEquals("UTF-8", jail.logEncoding());
        assertEquals(Optional.empty(), jail.logTimeZone());
        assertEquals(Optional.of(new Jail.DatePattern(Optional.empty(), "Default Detectors")), jail.datePattern());
        assertEquals(List.of(JailFixture.LOG), jail.logPaths());
        assertEquals(List.of(), jail.journalMatches());
        assertEquals(List.of(), jail.actionNames());
        assertFalse(jail.isAlive());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "600      | 600",
        "10m      | 600",
        "1h 30m   | 5400",
        "1.5      | 1.5",
    })
    void findtimeAcceptsDurations(String text, String seconds) {
        jail.setFindTime(text);
        assertEquals(seconds, jail.findTime().toString());
        assertTrue(fx.filterLog.lines().contains("INFO   findtime: " + seconds));
    }

    @Test
    void bantimeAcceptsDurationsAndPermanent() {
        jail.setBanTime("1d");
        assertEquals(BanTime.ofSeconds(86400), jail.banTime());
        jail.setBanTime("-1");
        assertEquals(BanTime.PERMANENT, jail.banTime());
        assertTrue(fx.actionsLog.lines().contains("INFO   banTime: -1"));
    }

    @Test
    void bantimeExtraOptionsAreKeptAndUnset() {
        jail.setBanTimeExtra("factor", "2");
        jail.setBanTimeExtra("rndtime", "5m");
        assertEquals(Optional.of("2"), jail.banTimeExtra("factor"));
        assertEquals(Optional.of(300L), jail.banTimeExtra("rndtime"));
        jail.setBanTimeExtra("factor", "");
        assertEquals(Optional.empty(), jail.banTimeExtra("factor"));
        jail.setBanTimeExtra("increment", "true");
        assertEquals(Optional.of(true), jail.banTimeExtra("increment"));
        assertTrue(fx.jailLog.lines().contains(
                "WARN ban time increment is not available as long jail database is not set"));
        assertThrows(IllegalArgumentException.class, () -> jail.setBanTimeExtra("multipliers", "1 x"));
    }

    @Test
    void regexesAreAddedAndDeletedByIndex() {
        // upstream's getFailRegex returns the regexes with <HOST> and <F-*> expanded
        jail.addFailRegex("Invalid user \\S+ from <HOST>");
        List<String> regexes = jail.failRegexes();
        assertEquals(2, regexes.size());
        assertTrue(regexes.get(0).startsWith("Failed password for (?P<user>\\S+) from (?:"), regexes.get(0));
        assertTrue(regexes.get(1).startsWith("Invalid user \\S+ from (?:\\[?(?:(?:::f{4,6}:)?(?P<ip4>"),
                regexes.get(1));
        jail.delFailRegex(0);
        assertEquals(List.of(regexes.get(1)), jail.failRegexes());
        jail.delFailRegex(5);
        assertTrue(fx.filterLog.lines().contains("ERROR Cannot remove regular expression. Index 5 is not valid"));
        jail.addIgnoreRegex("for guest");
        assertEquals(List.of("for guest"), jail.ignoreRegexes());
        jail.delIgnoreRegex(0);
        assertEquals(List.of(), jail.ignoreRegexes());
        jail.setPrefRegex("^sshd: <F-CONTENT>.+</F-CONTENT>$");
        assertEquals("^sshd: (?P<content>.+)$", jail.prefRegex());
        jail.setPrefRegex("");
        assertEquals("", jail.prefRegex());
        assertThrows(RuntimeException.class, () -> jail.addFailRegex("(unbalanced <HOST>"));
    }

    @Test
    void ignoreregexDropsMatchingLines() throws Exception {
        jail.setMaxRetry(1);
        jail.addIgnoreRegex("for guest");
        JailFixture.dummyAction(jail, "a");
        jail.startWithoutThreads();
        fx.source.append(JailFixture.LOG, fx.failure("192.0.2.1", "guest"), fx.failure("192.0.2.2", "root"));
        JailFixture.drive(jail);
        assertEquals(List.of("192.0.2.2"), jail.banList(false));
    }

    @Test
    void otherFilterOptions() {
        jail.setMaxLines(3);
        assertEquals(3, jail.maxLines());
        assertThrows(IllegalArgumentException.class, () -> jail.setMaxLines(0));
        jail.setUseDns("no");
        assertEquals("no", jail.useDns());
        jail.setUseDns("bogus");
        assertEquals("no", jail.useDns());
        jail.setMaxMatches(2);
        assertEquals(2, jail.maxMatches());
        jail.setDatePattern("%%Y-%%m-%%d %%H:%%M:%%S");
        assertTrue(jail.datePattern().isPresent());
        jail.setLogTimeZone("UTC+0200");
        assertEquals(Optional.of("UTC+0200"), jail.logTimeZone());
        assertThrows(IllegalArgumentException.class, () -> jail.setLogTimeZone("Mars/Olympus"));
        assertEquals(Optional.of("UTC+0200"), jail.logTimeZone());
        jail.setLogEncoding("latin-1");
        assertEquals("latin-1", jail.logEncoding());
        assertEquals("ISO-8859-1", fx.source.encoding().charset().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jail.setLogEncoding("x-no"));
        assertEquals("unknown encoding: x-no", e.getMessage());
        jail.setLogEncoding("auto");
        assertEquals("UTF-8", jail.logEncoding());
    }

    @Test
    void logPathsAreAddedOnceAndSeekedOnFirstRead() throws Exception {
        jail.addLogPath("/var/log/other.log", false);
        jail.addLogPath("/var/log/tail.log", true);
        jail.addLogPath(JailFixture.LOG, false);
        assertTrue(fx.filterLog.lines().contains("ERROR /var/log/test.log already exists"));
        assertEquals(List.of(JailFixture.LOG, "/var/log/other.log", "/var/log/tail.log"), jail.logPaths());
        jail.startWithoutThreads();
        jail.filterWorker().runOnce();
        assertEquals(List.of(JailFixture.LOG, "/var/log/other.log"),
                fx.source.seeks().stream().map(s -> s.path().toString()).toList());
        assertEquals(fx.clock.instant().minusSeconds(600), fx.source.seeks().get(0).time());
        jail.delLogPath("/var/log/other.log");
        assertEquals(List.of(JailFixture.LOG, "/var/log/tail.log"), jail.logPaths());
    }

    @Test
    void actionsAreManagedByName() {
        CommandAction a = JailFixture.dummyAction(jail, "a");
        JailFixture.dummyAction(jail, "b");
        assertEquals(List.of("a", "b"), jail.actionNames());
        assertEquals(a, jail.action("a"));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> jail.addAction("a"));
        assertEquals("Action a already exists", dup.getMessage());
        jail.delAction("a");
        assertEquals(List.of("b"), jail.actionNames());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> jail.action("a"));
        assertEquals("Invalid Action name: a", missing.getMessage());
        ActionException py = assertThrows(ActionException.class, () -> jail.addAction("smtp", "action.d/smtp.py"));
        assertTrue(py.getMessage().contains("smtp.py"), py.getMessage());
    }

    @Test
    void reloadKeepsReaddedItemsAndRemovesTheOthers() throws Exception {
        jail.addIgnoreIp("10.0.0.1");
        jail.addLogPath("/var/log/old.log", false);
        CommandAction keep = JailFixture.dummyAction(jail, "keep");
        JailFixture.dummyAction(jail, "gone");
        jail.startWithoutThreads();
        jail.banIps(List.of("192.0.2.1"));
        fx.takeScripts();

        jail.beginReload();
        assertEquals(List.of(), jail.failRegexes());
        assertEquals(List.of(), jail.ignoreIps());
        jail.addFailRegex(JailFixture.FAILREGEX);
        jail.addLogPath(JailFixture.LOG, false);
        jail.addAction("keep");
        assertEquals("", keep.property("actionban").orElseThrow(), "parameters cleared for the new ones");
        keep.setProperty("actionban", "keep ban2 <ip>");
        keep.setProperty("actionunban", "keep unban2 <ip>");
        keep.setProperty("actionreload", "keep reload");
        keep.setProperty("actionstop", "keep stop2");
        jail.endReload();

        assertEquals(List.of("keep reload", "gone unban 192.0.2.1", "gone stop"), fx.takeScripts());
        assertEquals(List.of("keep"), jail.actionNames());
        assertEquals(List.of(JailFixture.LOG), jail.logPaths());
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.1")), "bans stay over a reload");
        assertFalse(fx.notices().stream().anyMatch(l -> l.contains("Unban")));
        jail.stop();
        assertEquals(List.of("keep unban2 192.0.2.1", "keep stop2"), fx.takeScripts());
    }

    @Test
    void stopIsIdempotentAndEndsTheJail() throws Exception {
        jail.startWithoutThreads();
        assertTrue(jail.isAlive());
        assertThrows(IllegalStateException.class, () -> jail.startWithoutThreads());
        jail.stop();
        jail.stop();
        assertFalse(jail.isAlive());
        assertTrue(fx.source.isClosed());
        assertEquals(List.of("INFO Creating new jail 'test'", "INFO Jail 'test' uses poller {}",
                "INFO Jail 'test' started", "INFO Jail 'test' stopped"), fx.jailLog.lines());
    }

    @Test
    void longNamesAreWarnedAbout() throws Exception {
        Jail longName = fx.jail("a-very-long-jail-name-indeed", Optional.empty());
        assertTrue(fx.jailLog.lines().contains("WARN Jail name 'a-very-long-jail-name-indeed' might be too long "
                + "and some commands might not function correctly. Please shorten"));
        longName.stop();
    }
}
