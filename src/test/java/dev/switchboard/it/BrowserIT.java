package dev.switchboard.it;

import dev.switchboard.it.support.NodeTests;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/**
 * The console page in headless Chromium against the shipped WAR: connects over WebSocket, recovers when the
 * server goes away and returns, falls back to polling when upgrades are refused (src/test/js/browser).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void consoleWorksInChromium() throws Exception {
        NodeTests.run("browser", Deployments.loopback(deployed), 300, "src/test/js/browser/");
    }
}
