package dev.switchboard.it.support;

import io.socket.client.IO;
import io.socket.client.Socket;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The official Java Socket.IO client, set up against a deployment, with blocking helpers for tests. */
public final class JavaClient implements AutoCloseable {
    public static final long TIMEOUT_SECONDS = 10;

    /** How the client reaches the server. */
    public enum Mode { WEBSOCKET, POLLING, UPGRADE }

    public final Socket socket;

    private JavaClient(Socket socket) {
        this.socket = socket;
    }

    public static JavaClient connect(URI base, String namespace, Mode mode, Map<String, String> auth) throws Exception {
        IO.Options options = IO.Options.builder()
                .setPath(base.getPath() + "socket.io/")
                .setForceNew(true)
                .setReconnection(false)
                .setAuth(auth)
                .setTransports(switch (mode) {
                    case WEBSOCKET -> new String[] {"websocket"};
                    case POLLING -> new String[] {"polling"};
                    case UPGRADE -> new String[] {"polling", "websocket"};
                })
                .setUpgrade(mode == Mode.UPGRADE)
                .build();
        URI uri = URI.create("http://" + base.getHost() + ":" + base.getPort() + namespace);
        return new JavaClient(IO.socket(uri, options));
    }

    /**
     * Connects and waits for the namespace's answer: null when connected, else the connect error (the server's
     * data, or for a transport failure its exception and causes as text: "xhr poll error" alone says too little).
     */
    public Object open() throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> outcome.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(args.length == 0 ? "error"
                : args[0] instanceof Throwable failure ? describe(failure) : args[0]));
        socket.connect();
        return outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    /** Emits with an acknowledgement and waits for it. */
    public Object[] call(String event, Object... args) throws Exception {
        CompletableFuture<Object[]> ack = new CompletableFuture<>();
        Object[] withAck = new Object[args.length + 1];
        System.arraycopy(args, 0, withAck, 0, args.length);
        withAck[args.length] = (io.socket.client.Ack) ack::complete;
        socket.emit(event, withAck);
        return ack.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Asks the test namespace's {@code transport} event which transport the session is on, until it is
     * {@code expected} or the timeout passes (an upgrade completes in the background); returns the last answer.
     */
    public String awaitTransport(String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String transport;
        do {
            transport = (String) call("transport")[0];
        } while (!expected.equals(transport) && System.nanoTime() < deadline);
        return transport;
    }

    /** Collects every occurrence of an event from now on. */
    public BlockingQueue<Object[]> record(String event) {
        BlockingQueue<Object[]> received = new LinkedBlockingQueue<>();
        socket.on(event, received::add);
        return received;
    }

    /** The next occurrence {@link #record} collected, within {@link #TIMEOUT_SECONDS}; fails naming what was awaited. */
    public static Object[] next(BlockingQueue<Object[]> recorded, String what) throws InterruptedException {
        Object[] arguments = recorded.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (arguments == null) {
            throw new AssertionError("no " + what + " within " + TIMEOUT_SECONDS + " s");
        }
        return arguments;
    }

    @Override
    public void close() {
        socket.close();
    }
}
