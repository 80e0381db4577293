package dev.switchboard.it;

import dev.switchboard.conformance.CustomNamespace;
import dev.switchboard.conformance.MainNamespace;
import dev.switchboard.it.support.NodeTests;
import dev.switchboard.it.support.TestNamespace;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/** The official JavaScript socket.io-client, from Node, against the WAR (src/test/js/client). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NodeClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class, MainNamespace.class, CustomNamespace.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void officialJavaScriptClientPassesEveryScenario() throws Exception {
        NodeTests.run("js-client", Deployments.loopback(deployed), 240, "src/test/js/client/");
    }
}
