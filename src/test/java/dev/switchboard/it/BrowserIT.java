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
 * The front end against the shipped WAR: the console page in headless Chromium (src/test/js/browser: it connects
 * over WebSocket, recovers when the server goes away and returns, falls back to polling when upgrades are refused,
 * delivers what was typed offline once), and the chat contract its unit tests hold the Node stand-in to.
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

    /**
     * The chat example's contract (src/test/js/unit/chat-contract.test.mjs), which the front end's unit tests run
     * against the Node stand-in, holds against the shipped WAR too: the stand-in and ChatNamespace answer alike.
     */
    @Test
    void theChatExampleKeepsTheContractTheFrontEndIsTestedAgainst() throws Exception {
        NodeTests.run("chat-contract", Deployments.loopback(deployed), 120, "src/test/js/unit/chat-contract.test.mjs");
    }
}
