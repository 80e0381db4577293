package dev.switchboard.it;

import dev.switchboard.it.ClientVanishesIT.Vanish;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URL;

/**
 * A WebSocket client that vanishes (FIN or RST, no close frame) is noticed from the connection itself, not from the
 * heartbeat: on a server whose heartbeat (60 s ping interval, 20 s timeout) is far longer than the test's 10 s wait,
 * the session still ends at once, as a transport close or error. Runs on the long-heartbeat Payara Micro
 * (arquillian.xml, long-heartbeat).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebSocketVanishesIT {
        @Deployment(testable = false)
    @TargetsContainer(RedeployIT.LONG_HEARTBEAT)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    @ParameterizedTest
    @EnumSource(Vanish.class)
    void webSocketDroppedWithoutCloseFrameIsNoticedAtOnceAndClosedQuietly(Vanish how) throws Exception {
        URI base = Deployments.loopback(deployed);
        ServerLog log = ServerLog.ofServer(RedeployIT.LONG_HEARTBEAT);
        String sid = ClientVanishesIT.openWebSocketAndVanish(base, how, false);
        ClientVanishesIT.assertClosedQuietly(base, log, sid, "websocket", "transport close", "transport error");
    }
}
