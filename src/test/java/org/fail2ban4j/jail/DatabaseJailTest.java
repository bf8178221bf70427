package org.fail2ban4j.jail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.fail2ban4j.persist.SqliteBanStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of jails on a real sqlite database in a temporary directory: a {@link JailFixture} (moved clock, recording
 * runner) and the database opened on its clock; {@link #jail()} makes jail {@code test} (maxretry 3, ban time 600 s,
 * dummy action {@code a}) on it.
 */
abstract class DatabaseJailTest {

    @TempDir
    Path dir;

    JailFixture fx;
    SqliteBanStore db;

    @BeforeEach
    void openDatabase() {
        fx = new JailFixture();
        db = SqliteBanStore.open(dir.resolve("fail2ban.sqlite3").toString(), fx.clock);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    Jail jail() throws IOException {
        Jail j = fx.jail("test", Optional.of(db));
        j.setMaxRetry(3);
        j.setBanTime("600");
        JailFixture.dummyAction(j, "a");
        return j;
    }
}
