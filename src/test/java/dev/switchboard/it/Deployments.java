package dev.switchboard.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URI;
import java.net.URL;

/** The WAR the build produced, as the container tests deploy it, and where it answers. */
public final class Deployments {
    /**
     * How long the container may keep a TCP connection open after the WebSocket on it ended, for the client to close
     * it: none, but on Open Liberty its persistTimeout (its build sets switchboard.tcpLingerMillis to the value its
     * test servers use).
     */
    public static final long TCP_LINGER_MILLIS = Long.getLong("switchboard.tcpLingerMillis", 0);

    private Deployments() {
    }

    /** target/switchboard.war exactly as shipped. */
    public static WebArchive war() {
        new File(System.getProperty("java.io.tmpdir")).mkdirs(); // the container connector unpacks there
        File war = new File(System.getProperty("switchboard.war", "target/switchboard.war"));
        return ShrinkWrap.create(ZipImporter.class, "switchboard.war").importFrom(war).as(WebArchive.class);
    }

    /**
     * The deployment's base URL with the host rewritten to 127.0.0.1: the connector may report the machine's
     * own address, and every test talks to loopback only.
     */
    public static URI loopback(URL deployed) {
        String path = deployed.getPath().endsWith("/") ? deployed.getPath() : deployed.getPath() + "/";
        return URI.create("http://127.0.0.1:" + deployed.getPort() + path);
    }
}
