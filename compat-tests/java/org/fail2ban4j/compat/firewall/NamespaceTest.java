package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class that makes network namespaces: skipped where they cannot be made (not root, no iproute2), with a
 * temporary directory per test for the server's files and the traffic helpers.
 */
abstract class NamespaceTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needNamespaces() {
        assumeTrue(Netns.available(), "network namespaces need root and iproute2 (the CI runs as root)");
    }
}
