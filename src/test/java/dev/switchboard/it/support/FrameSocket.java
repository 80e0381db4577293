package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client at the level of bytes on a TCP socket: it writes whatever frames a test makes, well formed or
 * not, and reads the server's frames one by one, so tests can assert on RFC 6455 itself. Independent of the
 * server's own frame code on purpose.
 */
public final class FrameSocket implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A frame from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code, or -1 when it has none. */
        public int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** The handshake's answer: status line's code and headers (names in lower case). */
    public record Response(int status, Map<String, String> headers) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final Response response;
    public final String key;

    private FrameSocket(Socket socket, Response response, String key) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.response = response;
        this.key = key;
    }

    /** Sends a version 13 handshake to {@code base}socket.io/?{@code query}, plus {@code extraHeaders}. */
    public static FrameSocket connect(URI base, String query, Map<String, String> extraHeaders) throws IOException {
        return connect(base, query, extraHeaders, 0);
    }

    /**
     * As {@link #connect(URI, String, Map)}, with the socket's receive buffer set to {@code receiveBuffer} bytes
     * (0: the system's): a small one makes a client that stops reading push back on the server at once.
     */
    public static FrameSocket connect(URI base, String query, Map<String, String> extraHeaders, int receiveBuffer)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + base.getPort());
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Sec-WebSocket-Key", key);
        headers.putAll(extraHeaders);
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the window TCP announces
        }
        socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()));
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        StringBuilder request = new StringBuilder("GET " + base.getPath() + "socket.io/?" + query + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> {
            if (value != null) {
                request.append(name).append(": ").append(value).append("\r\n");
            }
        });
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return new FrameSocket(socket, readResponse(socket.getInputStream()), key);
    }

    public static FrameSocket connect(URI base) throws IOException {
        return connect(base, "EIO=4&transport=websocket", Map.of());
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Response(status, headers);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the handshake response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The accept key RFC 6455 section 4.2.2 requires for {@link #key}. */
    public String expectedAccept() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    public void sendText(String text) throws IOException {
        send(0x81, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** One frame: {@code firstByte} is FIN, RSV and opcode as they go on the wire; masked unless told not to. */
    public void send(int firstByte, byte[] payload, boolean masked) throws IOException {
        out.write(frame(firstByte, payload, masked));
        out.flush();
    }

    /** Raw bytes, for a header without its payload and the like. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        byte[] mask = null;
        if (masked) {
            mask = new byte[4];
            RANDOM.nextBytes(mask);
        }
        return frame(firstByte, payload, mask);
    }

    /** One frame masked with {@code mask} (four bytes), or unmasked when it is null: a frame a test can repeat. */
    public static byte[] frame(int firstByte, byte[] payload, byte[] mask) {
        boolean masked = mask != null;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            frame.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    /** The server's next frame; fails on a timeout or if the server closed the connection. */
    public Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new IOException("a server frame must not be masked (RFC 6455 section 5.1)");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** The next frame of this opcode, skipping others (Engine.IO pings, say). */
    public Frame next(int opcode) throws IOException {
        for (;;) {
            Frame frame = next();
            if (frame.opcode() == opcode) {
                return frame;
            }
        }
    }

    /** Whether the server closed the TCP connection within the read timeout (reading and dropping what comes). */
    public boolean awaitEndOfStream() throws IOException {
        try {
            while (in.read() >= 0) {
                // drop
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
