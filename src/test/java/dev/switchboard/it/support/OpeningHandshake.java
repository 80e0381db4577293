package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's half of RFC 6455's opening handshake, by hand: the upgrade request {@link FrameSocket} writes
 * and the server's answer as it came, so a test may send any header, or leave one out, and see any status.
 */
final class OpeningHandshake {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpeningHandshake() {
    }

    /** A fresh Sec-WebSocket-Key: 16 random bytes in base64 (RFC 6455 section 4.1). */
    static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * A version 13 upgrade to {@code base}socket.io/?{@code query}, from the page's own origin as a browser would
     * send it. {@code extraHeaders} add headers or replace these (names compared without case); a null value leaves
     * the header out.
     */
    static byte[] request(URI base, String query, String key, Map<String, String> extraHeaders) {
        String host = "127.0.0.1:" + base.getPort();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("Origin", "http://" + host);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Sec-WebSocket-Key", key);
        extraHeaders.forEach((name, value) -> {
            headers.keySet().removeIf(name::equalsIgnoreCase);
            headers.put(name, value);
        });
        StringBuilder request = new StringBuilder("GET " + base.getPath() + "socket.io/?" + query + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> {
            if (value != null) {
                request.append(name).append(": ").append(value).append("\r\n");
            }
        });
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The status line's code and the headers (names in lower case), leaving the stream at the first frame. */
    static FrameSocket.Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new FrameSocket.Response(status, headers);
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

    /** The Sec-WebSocket-Accept RFC 6455 section 4.2.2 requires for {@code key}. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException everyJavaHasSha1) {
            throw new IllegalStateException(everyJavaHasSha1);
        }
    }
}
