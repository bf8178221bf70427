package org.fail2ban4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.fail2ban4j.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

/** slf4j finds our provider, and {@link Logging.Builder#install()} steers every {@code LoggerFactory} logger. */
class F2bServiceProviderTest {

    @Test
    void slf4jIsBoundToOurProvider() {
        assertInstanceOf(F2bLoggerFactory.class, LoggerFactory.getILoggerFactory());
        Logger a = LoggerFactory.getLogger(F2bLoggers.ACTIONS);
        assertInstanceOf(F2bLogger.class, a);
        assertSame(a, LoggerFactory.getLogger("fail2ban.actions"));
        assertEquals("fail2ban.actions", a.getName());
    }

    @Test
    void installedLoggingSteersFactoryLoggers() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logging logging = Logging.builder(new MutableClock(), ZoneId.of("CET"), "1.1.1").pid(4242).stdout(out)
                .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).install();
        try {
            logging.setLevel("INFO");
            logging.setTarget("STDOUT");
            // as the call sites of other packages do: markers by name from slf4j's MarkerFactory
            Logger actions = LoggerFactory.getLogger("fail2ban.actions");
            actions.info(MarkerFactory.getMarker("NOTICE"), "[{}] Ban {}", "sshd", "1.2.3.4");
            LoggerFactory.getLogger("fail2ban.utils").trace(MarkerFactory.getMarker("#09-Lev."), "hidden");
            logging.setLevel("9");
            LoggerFactory.getLogger("fail2ban.utils").trace(MarkerFactory.getMarker("#09-Lev."), "{} -- exec: {}",
                    "7f", "true");
            actions.info(F2bLevel.NOTICE, "[{}] Unban {}", "sshd", "1.2.3.4");
            assertEquals("2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4\n"
                    + "2005-08-14 12:00:00,000 fail2ban.utils          [4242]: #09-Lev. 7f -- exec: true\n"
                    + "2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  [sshd] Unban 1.2.3.4\n",
                    out.toString(StandardCharsets.UTF_8));
        } finally {
            logging.setLevel("NOTSET");
            logging.close();
        }
    }
}
