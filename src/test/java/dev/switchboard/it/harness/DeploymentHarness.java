package dev.switchboard.it.harness;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * A test-only web application deployed next to Switchboard in the same server (Payara Micro, or Open Liberty): it
 * deploys and undeploys the Switchboard WAR inside that one server (Payara Micro's managed Arquillian connector
 * starts a new server for every deployment, which would hide any leak) and reports the server's live threads.
 * <ul>
 *   <li>{@code POST harness/deploy?war=/path/switchboard.war&name=switchboard} deploys at context root {@code /name}</li>
 *   <li>{@code POST harness/undeploy?name=switchboard} undeploys; returns when the container is done</li>
 *   <li>{@code POST harness/property?name=switchboard.adapter&value=redis} sets a system property of the server, as an
 *       operator's {@code -D} would (Switchboard reads its settings when deployed); without {@code value}, clears it</li>
 *   <li>{@code GET harness/threads}: the live thread count on the first line, then every thread's name</li>
 * </ul>
 * The container's own API does the deploying ({@link Deployer}).
 */
@WebServlet(urlPatterns = "/harness/*")
public class DeploymentHarness extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/deploy" -> {
                    boolean deployed = Deployer.ofThisServer().deploy(name, new File(request.getParameter("war")));
                    answer(response, deployed ? 200 : 500, "deployed=" + deployed);
                }
                case "/undeploy" -> {
                    Deployer.ofThisServer().undeploy(name);
                    answer(response, 200, "undeployed");
                }
                case "/property" -> {
                    String value = request.getParameter("value");
                    if (value == null) {
                        System.clearProperty(name);
                    } else {
                        System.setProperty(name, value);
                    }
                    answer(response, 200, name + "=" + value);
                }
                default -> answer(response, 404, "unknown action " + request.getPathInfo());
            }
        } catch (Exception failure) {
            answer(response, 500, failure.toString());
        }
    }
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/threads".equals(request.getPathInfo())) {
            answer(response, 404, "unknown resource " + request.getPathInfo());
            return;
        }
        int count = ManagementFactory.getThreadMXBean().getThreadCount();
        String names = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .sorted(Comparator.comparing(Thread::getName))
                .map(Thread::getName)
                .collect(Collectors.joining("\n"));
        answer(response, 200, count + "\n" + names);
    }

    private static void answer(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(text);
    }
}
