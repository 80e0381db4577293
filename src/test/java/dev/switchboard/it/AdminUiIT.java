package dev.switchboard.it;

import dev.switchboard.it.cluster.SwitchboardNode;
import dev.switchboard.it.support.NodeTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO Admin UI on the executable jar, as ops switch it on: one node with {@code adminUi=on} in development
 * mode, one read-only with the dashboard at another path, both with the same password; src/test/js/admin-ui plays the dashboard's protocol against them and against Node's
 * own instrumented server.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminUiIT {
    private static final String HASH = SwitchboardNode.ADMIN_UI_PASSWORD_HASH;
    private static SwitchboardNode on;
    private static SwitchboardNode readonly;

    @BeforeAll
    static void start() throws Exception {
        on = SwitchboardNode.start("admin-ui-on", Map.of("SWITCHBOARD_ADMIN_UI", "on", "SWITCHBOARD_ADMIN_UI_MODE", "development",
                "SWITCHBOARD_ADMIN_UI_PASSWORD_HASH", HASH));
        readonly = SwitchboardNode.start("admin-ui-readonly", Map.of("SWITCHBOARD_ADMIN_UI", "readonly",
                "SWITCHBOARD_ADMIN_UI_PASSWORD_HASH", HASH, "SWITCHBOARD_ADMIN_UI_PATH", "/ops/dashboard"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (SwitchboardNode node : new SwitchboardNode[] {on, readonly}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void theDashboardsProtocolWorksAsAgainstNodesOwnServer() throws Exception {
        NodeTests.run("admin-ui", on.base(), Map.of("SWITCHBOARD_READONLY_URL", readonly.base().toString(),
                "SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN), 180, "src/test/js/admin-ui/");
    }
}
