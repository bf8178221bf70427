package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fail2ban-client -c DIR -d} of ours prints the same command stream as Python's, byte for byte, on the
 * stock 1.1.1 tree with every jail enabled, on Debian's {@code /etc/fail2ban}, and on a mail-server tree with
 * {@code .local} overrides. Where Debian's 1.0.2 and 1.1.1 differ, the 1.1.1 behaviour is asserted explicitly
 * (see compat-tests/KNOWN_DIFFERENCES.md).
 */
class ClientDumpCompatTest {

    /** 1.0.2 writes its own version where a config says %(fail2ban_version)s; we are 1.1.1. */
    static String normalisePython(String out) {
        return out.replace("Fail2Ban/1.0.2", "Fail2Ban/1.1.1");
    }

    private static void assertSameDump(Path dir, String why) throws Exception {
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("-c", dir.toString(), "-d"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-c", dir.toString(), "-d"));
        String expected = normalisePython(py.stdout());
        assertTrue(expected.lines().count() > 5, "the oracle printed too little for " + why + ":\n" + py.stdout()
                + py.stderr());
        assertEquals(expected, ours.stdout(), why + ": -d differs from Python's\n" + Oracle.diff(expected,
                ours.stdout(), 5) + "\nour stderr:\n" + ours.stderr());
        assertEquals(py.status(), ours.status(), why + ": exit status");
    }

    static List<String> jailNames(Path jailConf) throws IOException {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\[([^\\]]+)\\]").matcher(Files.readString(jailConf));
        while (m.find()) {
            String n = m.group(1);
            if (!n.equals("INCLUDES") && !n.equals("DEFAULT")) {
                names.add(n);
            }
        }
        return names;
    }

    /** The stock tree with every jail enabled and given an existing log file. */
    @Test
    void stockTreeEveryJailEnabled(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        StringBuilder local = new StringBuilder();
        List<String> jails = jailNames(etc.resolve("jail.conf"));
        assertTrue(jails.size() > 50, "expected the stock jails, found " + jails);
        for (String j : jails) {
            Path log = Files.writeString(logs.resolve(j + ".log"), "");
            local.append('[').append(j).append("]\nenabled = true\nlogpath = ").append(log).append("\n\n");
        }
        Files.writeString(etc.resolve("jail.local"), local);
        assertSameDump(etc, "stock 1.1.1 tree, all jails");
    }

    /**
     * 1.1.1's {@code skip_if_nologs}: a jail without log files is skipped with a config-error instead of being
     * started; 1.0.2 does not know the option and starts it. Everything else is identical.
     */
    @Test
    void skipIfNologsFollows111(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Files.writeString(etc.resolve("jail.local"), "[sshd]\nenabled = true\nlogpath = " + tmp.resolve("nolog")
                + "\n\n[dovecot]\nenabled = true\nlogpath = " + tmp.resolve("nolog") + "\nskip_if_nologs = true\n");
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("-c", etc.toString(), "-d"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-c", etc.toString(), "-d"));
        StringBuilder expected = new StringBuilder();
        boolean inDovecot = false;
        for (String line : normalisePython(py.stdout()).split("\n")) {
            if (line.startsWith("['add', 'dovecot',")) {
                inDovecot = true;
                expected.append("['config-error', \"Jail 'dovecot' skipped, because of missing log files.\"]\n");
            } else if (line.startsWith("['add', ") || line.startsWith("['start', ")) {
                inDovecot = false;
            }
            if (!inDovecot && !line.equals("['start', 'dovecot']")) {
                expected.append(line).append('\n');
            }
        }
        assertTrue(py.stdout().contains("['start', 'dovecot']"), py.stdout());
        assertEquals(expected.toString(), ours.stdout(), Oracle.diff(expected.toString(), ours.stdout(), 5));
    }

    /** Debian's installed /etc/fail2ban, as the package ships it (sshd enabled). */
    @Test
    void debianEtcFail2ban() throws Exception {
        Path etc = Path.of("/etc/fail2ban");
        assertTrue(Files.isRegularFile(etc.resolve("jail.conf")), "Debian's fail2ban package is not installed");
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("-c", etc.toString(), "-d"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-c", etc.toString(), "-d"));
        String expected = normalisePython(py.stdout());
        assertEquals(expected, ours.stdout(), Oracle.diff(expected, ours.stdout(), 5));
        assertEquals(py.status(), ours.status());
    }

    /** A qmail/dovecot mail server: time abbreviations, multi-line actions, .local overrides of action and filter. */
    @Test
    void mailServerTree(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Path qmailLog = Files.createDirectories(tmp.resolve("var/log/qmail/smtpd")).resolve("current");
        Files.writeString(qmailLog, "");
        Path dovecotLog = Files.writeString(tmp.resolve("mail.log"), "");
        Files.writeString(etc.resolve("jail.local"), String.join("\n",
                "[DEFAULT]",
                "bantime = 7800m",
                "findtime = 30m",
                "maxretry = 5",
                "ignoreip = 127.0.0.1/8 ::1 172.17.0.0/24 172.16.0.0/24",
                "bantime.increment = true",
                "bantime.rndtime = 2048",
                "bantime.multipliers = 1 5 30 60 300 720 1440 2880",
                "dovecot_log = " + dovecotLog,
                "",
                "[qmail-smtp]",
                "enabled = true",
                "filter = qmail-smtp",
                "action = nftables[type=multiport, name=SMTP, port=\"25,465,587\"]",
                "         sendmail-whois-lines[name=SMTP, logpath=\"%(logpath)s\"]",
                "logpath = " + qmailLog,
                "bantime = 1d",
                "findtime = 1h",
                "",
                "[dovecot]",
                "enabled = true",
                "port = pop3,pop3s,imap,imaps,submission,465,sieve",
                "logpath = %(dovecot_log)s",
                "backend = auto",
                "maxretry = 2",
                "findtime = 1d",
                "bantime = 12w",
                ""));
        Files.writeString(etc.resolve("action.d/nftables.local"), String.join("\n",
                "[Init]",
                "protocol = tcp,udp,udplite,sctp",
                "chain_hook = forward",
                ""));
        Files.writeString(etc.resolve("filter.d/dovecot.local"), String.join("\n",
                "[Definition]",
                "# only the auth failures of the login processes",
                "failregex = ^%(__prefix_line)s(?:%(_auth_worker)s(?:\\([^\\)]+\\))?: )?(?:pam|passwd-file)\\(\\S+,<HOST>(?:,\\S*)?\\): (?:unknown user|password mismatch)",
                "            ^%(__prefix_line)s(?:Aborted login|Disconnected)(?::(?: [^ \\(]+)+)? \\((?:auth failed, \\d+ attempts(?: in \\d+ secs)?|tried to use (?:disabled|disallowed) \\S+ auth)\\):(?: user=<<F-USER>[^>]*</F-USER>>,)?(?: method=\\S+,)? rip=<HOST>(?:[^>]*(?:, session=<\\S+>)?)\\s*$",
                "",
                "ignoreregex = ",
                ""));
        Files.writeString(etc.resolve("filter.d/qmail-smtp.conf"), String.join("\n",
                "# qmail smtpd run through multilog: TAI64N stamps at the start of each line",
                "[INCLUDES]",
                "before = common.conf",
                "",
                "[Definition]",
                "_daemon = (?:qmail-smtpd|smtpd)",
                "failregex = ^qlogenvelope: result=rejected code=\\d+ .*remoteip=<HOST>\\b",
                "            ^GREETDELAY from <HOST>: client sent data before greeting",
                "ignoreregex =",
                "",
                "[Init]",
                "datepattern = {^LN-BEG}TAI64N",
                ""));
        assertSameDump(etc, "mail-server tree");
    }

    /**
     * Upstream's own reader fixtures (tests-files/filter.d: includes, .local without options, [Init] substitution,
     * journalmatch quoting) plus action naming: two instances of one action, a Python action, filter arguments.
     */
    @Test
    void upstreamFixturesAndActionNaming(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("tests-files/filter.d"), etc.resolve("filter.d"));
        Oracle.copyTree(Oracle.upstream().resolve("config/action.d"), etc.resolve("action.d"));
        Files.copy(Oracle.upstream().resolve("config/fail2ban.conf"), etc.resolve("fail2ban.conf"));
        Path log = Files.writeString(tmp.resolve("a.log"), "");
        Files.writeString(etc.resolve("jail.conf"), String.join("\n",
                "[DEFAULT]",
                "logpath = " + log,
                "action =",
                "[t1]",
                "enabled = true",
                "filter = testcase01",
                "[t2]",
                "enabled = true",
                "filter = testcase02[honeypot=x]",
                "[t3]",
                "enabled = true",
                "filter = substitution",
                "[t4]",
                "enabled = true",
                "filter = substitution[honeypot=\"other@example.com\"]",
                "action = dummy[name=t4-a]",
                "         dummy[name=second, init='with, comma']",
                "         smtp.py[dest=me@example.com, actname=mail]",
                "         smtp.py[dest=\"you@example.com\"]",
                "[t5]",
                "enabled = false",
                "filter = nosuch",
                ""));
        assertSameDump(etc, "upstream reader fixtures");
    }

    /** The bundled etc-fail2ban tree, as shipped and with each of its jails enabled. */
    @Test
    void bundledTree(@TempDir Path tmp) throws Exception {
        Path bundled = Path.of(System.getProperty("fail2ban4j.basedir", ".")).resolve("etc-fail2ban");
        assertSameDump(bundled, "etc-fail2ban as shipped");
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(bundled, etc);
        Path log = Files.writeString(tmp.resolve("a.log"), "");
        StringBuilder local = new StringBuilder();
        for (String j : jailNames(etc.resolve("jail.conf"))) {
            local.append('[').append(j).append("]\nenabled = true\nbackend = auto\nlogpath = ").append(log)
                    .append("\n");
        }
        Files.writeString(etc.resolve("jail.local"), local);
        assertSameDump(etc, "etc-fail2ban, all jails");
    }
}
