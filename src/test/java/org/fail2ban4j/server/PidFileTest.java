package org.fail2ban4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PidFile#leftByDeadServer()}: a pid file left behind by a server that is not running any more. */
class PidFileTest {
    private static final Instant WRITTEN = Instant.ofEpochSecond(1124013600);

    @TempDir
    Path dir;

    private Optional<Instant> left(String content) throws Exception {
        Path file = dir.resolve("f2b.pid");
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(WRITTEN));
        return new PidFile(file).leftByDeadServer();
    }

    @Test
    void noFileIsACleanEnd() {
        assertEquals(Optional.empty(), new PidFile(dir.resolve("none.pid")).leftByDeadServer());
    }

    @Test
    void aRunningProcessIsNoEnd() throws Exception {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(Optional.empty(), left(parent + "\n"));
    }

    @Test
    void aProcessThatEndedLeftItsFile() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(Optional.of(WRITTEN), left(p.pid() + "\n"));
    }

    @Test
    void thisProcessIdIsAnotherServersIdUsedAgain() throws Exception {
        assertEquals(Optional.of(WRITTEN), left(ProcessHandle.current().pid() + "\n"));
    }

    @Test
    void aTextThatIsNoProcessIdIsStale() throws Exception {
        assertEquals(Optional.of(WRITTEN), left("garbage"));
        assertEquals(Optional.of(WRITTEN), left(""));
    }
}
