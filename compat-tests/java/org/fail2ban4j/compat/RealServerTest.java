package org.fail2ban4j.compat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test class starting real servers through a {@link ServerHarness} on its temporary directory. */
abstract class RealServerTest {
    @TempDir
    Path tmp;

    ServerHarness h;

    @BeforeEach
    void harness() {
        h = new ServerHarness(tmp);
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        h.close();
    }
}
