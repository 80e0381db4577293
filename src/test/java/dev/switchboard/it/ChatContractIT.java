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
 * The chat example's contract tests (src/test/js/unit/chat-contract.test.mjs), which the front end's unit tests run
 * against the Node stand-in, run here against the shipped WAR: the stand-in and ChatNamespace answer alike.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class ChatContractIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void theChatExampleKeepsTheContractTheFrontEndIsTestedAgainst() throws Exception {
        NodeTests.run("chat-contract", Deployments.loopback(deployed), 120, "src/test/js/unit/chat-contract.test.mjs");
    }
}
