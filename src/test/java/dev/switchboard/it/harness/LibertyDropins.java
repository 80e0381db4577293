package dev.switchboard.it.harness;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Open Liberty: a WAR copied into the server's dropins/ directory is deployed at {@code /<name>}, and deleted from
 * there is undeployed (the test servers poll it every 500 ms, src/test/openliberty/arquillian-overrides.xml). Where
 * dropins/ is, and when an application has started or is gone, Liberty's MBeans say.
 */
final class LibertyDropins implements Deployer {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectName SERVER_INFO = name("WebSphere:feature=kernel,name=ServerInfo");

    private final Path dropins;

    LibertyDropins() throws Exception {
        dropins = Path.of((String) MBEANS.getAttribute(SERVER_INFO, "UserDirectory"), "servers",
                (String) MBEANS.getAttribute(SERVER_INFO, "Name"), "dropins");
    }

    static boolean inThisServer() {
        return MBEANS.isRegistered(SERVER_INFO);
    }

    @Override
    public boolean deploy(String name, File war) throws Exception {
        Path copy = Files.createTempFile(dropins.getParent(), name, ".war");
        Files.copy(war.toPath(), copy, StandardCopyOption.REPLACE_EXISTING);
        // whole or not at all: the server must never see half a WAR
        Files.move(copy, dropins.resolve(name + ".war"), StandardCopyOption.ATOMIC_MOVE);
        ObjectName application = application(name);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (MBEANS.isRegistered(application)) {
                if ("STARTED".equals(MBEANS.getAttribute(application, "State"))) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void undeploy(String name) throws Exception {
        Files.deleteIfExists(dropins.resolve(name + ".war"));
        ObjectName application = application(name);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (MBEANS.isRegistered(application)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " still deployed " + TIMEOUT + " after its WAR left dropins/");
            }
            Thread.sleep(100);
        }
    }

    private static ObjectName application(String name) {
        return name("WebSphere:service=com.ibm.websphere.application.ApplicationMBean,name=" + name);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
