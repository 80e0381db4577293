package dev.switchboard.it;

import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.NginxProxy;
import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.TestNamespace;
import io.socket.client.Socket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.JavaClient.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket.IO through Debian's nginx running the shipped server-config/nginx/switchboard.conf, with the real Java
 * client: every transport works through the proxy, heartbeats keep an idle connection open past the proxy's
 * read timeout, and the same-origin check sees the address the browser used.
 *
 * <p>The proxy's read timeout is 3 s here while the server pings every 1.5 s (arquillian.xml), so a connection
 * survives a longer silence only because heartbeats cross the proxy; {@link #proxyCutsASilentBackendAtItsReadTimeout}
 * shows the 3 s are really in force.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReverseProxyIT {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    /** Well past READ_TIMEOUT: any connection nginx would cut for silence is cut by then. */
    private static final Duration IDLE = Duration.ofSeconds(8);
    private static final Path SERVER_CONFIG = Path.of(System.getProperty("switchboard.serverConfig", "server-config"));

    /** nginx in front of the deployment; started by the first test, stopped by PID after the last. */
    private static NginxProxy proxy;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // ROOT.war: Payara Micro and WildFly deploy it at "/", where the shipped config expects the server's
        // /socket.io/; Open Liberty does with its ibm-web-ext.xml (other containers ignore that file)
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(Deployments.war())
                .addClasses(TestNamespace.class, TestNamespace.Shout.class)
                .addAsWebInfResource(new StringAsset("""
                        <web-ext xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.1">
                          <context-root uri="/"/>
                        </web-ext>
                        """), "ibm-web-ext.xml");
    }

    @ArquillianResource
    URL deployed;

    @BeforeEach
    void startProxy() throws Exception {
        if (proxy == null) {
            assertEquals("/", deployed.getPath().isEmpty() ? "/" : deployed.getPath(), "deployed at the root context");
            NginxProxy.install(SERVER_CONFIG);
            proxy = NginxProxy.start("reverse-proxy-it", SERVER_CONFIG, deployed.getPort(), READ_TIMEOUT);
        }
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    private static URI throughProxy() {
        return URI.create("http://127.0.0.1:" + proxy.port() + "/");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventsAcksAndBinaryCrossTheProxy(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(throughProxy(), "/test", mode, Map.of())) {
            BlockingQueue<Object[]> welcome = client.record("welcome");
            assertNull(client.open(), "connected through nginx" + proxy.logs());
            assertEquals(client.socket.id(), JavaClient.next(welcome, "welcome")[0], "server-sent event arrives");
            assertEquals("héllo", client.call("echo", "héllo")[0]);
            byte[] data = {1, 2, 3, 4, 5};
            Object[] reversed = client.call("binary", (Object) data);
            assertEquals(5, ((Number) reversed[1]).intValue());
            assertEquals(5, ((byte[]) reversed[0])[0]);
            assertEquals(mode == Mode.POLLING ? "polling" : "websocket", transportOnceSettled(client, mode));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void idleConnectionOutlivesTheProxyReadTimeoutThanksToHeartbeats(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(throughProxy(), "/test", mode, Map.of())) {
            assertNull(client.open());
            String transport = transportOnceSettled(client, mode);
            assertEquals(mode == Mode.POLLING ? "polling" : "websocket", transport, "idle on the transport under test");
            String id = client.socket.id();
            BlockingQueue<Object[]> disconnects = client.record(Socket.EVENT_DISCONNECT);

            // The wait is the assertion: nothing but heartbeats crosses the proxy for IDLE, and no disconnect comes.
            Object[] disconnect = disconnects.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(disconnect, () -> "disconnected while idle behind a " + READ_TIMEOUT.toSeconds()
                    + " s proxy read timeout: " + List.of(disconnect) + proxy.logs());

            assertEquals("after idle", client.call("echo", "after idle")[0], "emit with ack after the idle time");
            assertEquals(id, client.socket.id(), "the same connection, not a new one");
            assertEquals(transport, client.call("transport")[0]);
        }
    }

    /** The control for the test above: a backend that says nothing is cut after the proxy's read timeout. */
    @Test
    void proxyCutsASilentBackendAtItsReadTimeout() throws Exception {
        try (SilentBackend silent = new SilentBackend();
             NginxProxy control = NginxProxy.start("silent-backend", SERVER_CONFIG, silent.port(), READ_TIMEOUT)) {
            long started = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/socket.io/?EIO=4&transport=polling"))
                            .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(504, response.statusCode(), "nginx gives up on the silent backend" + control.logs());
            assertTrue(elapsedMillis >= READ_TIMEOUT.toMillis() - 100, "cut after the read timeout, not before: " + elapsedMillis + " ms");
        }
    }

    @Test
    void pollingFromThePageOwnOriginIsAllowedThroughTheProxy() throws Exception {
        String origin = "http://127.0.0.1:" + proxy.port();
        HttpResponse<String> own = pollingHandshake(origin);
        assertEquals(200, own.statusCode(), "Host with its port reaches the server: " + own.body());
        assertTrue(own.body().startsWith("0{\"sid\""), own.body());
        assertEquals(origin, own.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        HttpResponse<String> foreign = pollingHandshake("http://elsewhere.example");
        assertEquals(403, foreign.statusCode(), "a foreign origin is still refused: " + foreign.body());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", foreign.body());
    }

    @Test
    void webSocketFromThePageOwnOriginIsAllowedThroughTheProxy() throws Exception {
        RecordingListener own = openWebSocket("http://127.0.0.1:" + proxy.port());
        String first = own.text.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertTrue(first.startsWith("0{\"sid\""), "open packet over the proxied WebSocket: " + first);
        own.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        var refused = assertThrows(java.util.concurrent.ExecutionException.class, () -> openWebSocket("http://elsewhere.example"));
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode(),
                "a foreign origin is refused before the upgrade");
    }

    /**
     * The shipped config sets X-Forwarded-For, -Proto and -Host; the container tests' server trusts no proxy
     * (trustedProxies empty), so none of it is believed: the client is the peer, nginx on 127.0.0.1, whatever
     * the headers say. A header a client writes itself counts no more. (Believed from a trusted peer:
     * ExecutableJarIT.)
     */
    @Test
    void forwardingHeadersOfAPeerNotInTrustedProxiesAreIgnored() throws Exception {
        PollingClient.Session client = PollingClient.open(throughProxy(), Map.of("X-Forwarded-For", "203.0.113.7"));
        assertEquals(200, client.post("40/test,").statusCode());
        String connected = client.get().body();
        assertTrue(connected.startsWith("40/test,{\"sid\":\""), connected);
        String id = connected.substring("40/test,{\"sid\":\"".length(), connected.indexOf('"', "40/test,{\"sid\":\"".length()));
        URI direct = URI.create("http://127.0.0.1:" + deployed.getPort() + "/");
        assertEquals("127.0.0.1", new Api(direct).socket("/test", id).getString("address"));

        String page = "https://127.0.0.1:" + deployed.getPort();
        HttpResponse<String> claimedHttps = PollingClient.handshake(direct,
                Map.of("Origin", page, "X-Forwarded-Proto", "https", "Forwarded", "proto=https"));
        assertEquals(403, claimedHttps.statusCode(), "an https page is not the origin of a plain http request");
        HttpResponse<String> claimedHost = PollingClient.handshake(direct, Map.of("Origin", "http://elsewhere.example",
                "X-Forwarded-Host", "elsewhere.example", "Forwarded", "host=elsewhere.example"));
        assertEquals(403, claimedHost.statusCode(), "X-Forwarded-Host from an untrusted peer makes no origin its own");
    }

    /** The transport the client ends up on: for UPGRADE, waits until the upgrade to WebSocket is done. */
    private static String transportOnceSettled(JavaClient client, Mode mode) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String transport;
        do {
            transport = (String) client.call("transport")[0];
        } while (mode == Mode.UPGRADE && !"websocket".equals(transport) && System.nanoTime() < deadline);
        return transport;
    }

    private static HttpResponse<String> pollingHandshake(String origin) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(throughProxy().resolve("socket.io/?EIO=4&transport=polling"))
                        .header("Origin", origin)
                        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static RecordingListener openWebSocket(String origin) throws Exception {
        RecordingListener listener = new RecordingListener();
        listener.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .buildAsync(URI.create("ws://127.0.0.1:" + proxy.port() + "/socket.io/?EIO=4&transport=websocket"), listener)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return listener;
    }

    /** The first text frame and the close code of a raw WebSocket. */
    private static final class RecordingListener implements WebSocket.Listener {
        final CompletableFuture<String> text = new CompletableFuture<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        volatile WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            text.completeExceptionally(error);
            closeCode.completeExceptionally(error);
        }
    }

    /** A backend on 127.0.0.1 that accepts connections, reads nothing and never answers. */
    private static final class SilentBackend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        private final List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::acceptForever, "silent-backend");

        SilentBackend() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptForever() {
            try {
                while (!server.isClosed()) {
                    accepted.add(server.accept()); // held open, unread, until close()
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (java.net.Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
