package org.fail2ban4j.compat.firewall;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LAN of the iptables tests, shared by a test class: the namespaces ({@link Netns#lan()}, ICMP rate limits
 * lifted so that rejects answer at once) and the listener on ports 2201, 2525 and 4651 are made once per class;
 * after each test the firewall host's iptables, ip6tables and ipsets are reset ({@link IptablesState#reset}).
 */
abstract class IptablesLanTest extends NamespaceTest {
    @TempDir
    static Path shared;
    static Netns net;
    static Traffic traffic;

    @BeforeAll
    static void lan() throws Exception {
        net = Netns.lan();
        IptablesState.fastRejects(net);
        traffic = Traffic.listen(net, shared.resolve("traffic"), 2201, 2525, 4651);
    }

    @AfterEach
    void resetFirewall() throws Exception {
        if (net != null) {
            IptablesState.reset(net);
        }
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        if (traffic != null) {
            traffic.close();
            traffic = null;
        }
        if (net != null) {
            net.close();
            net = null;
        }
    }
}
