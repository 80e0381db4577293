package dev.switchboard.it.harness;

import java.io.File;

/** How {@link DeploymentHarness} deploys and undeploys a WAR inside the server it runs in. */
interface Deployer {

    /** Deploys {@code war} at context root {@code /name}; returns once it is started, false if it failed to. */
    boolean deploy(String name, File war) throws Exception;

    /** Undeploys the application {@code name}; returns when the container is done with it. */
    void undeploy(String name) throws Exception;

    /** The deployer of the server this runs in: Payara Micro's runtime API, else Open Liberty's dropins. */
    static Deployer ofThisServer() throws Exception {
        if (LibertyDropins.inThisServer()) {
            return new LibertyDropins();
        }
        return new PayaraMicroRuntime();
    }
}
