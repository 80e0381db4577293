package dev.switchboard.socketio;

import jakarta.json.bind.Jsonb;

import java.security.SecureRandom;
import java.util.Base64;

/** What every namespace, client and socket shares: the codec, limits, id source and observer. Thread-safe. */
record SocketIoRuntime(SioEncoder encoder, Jsonb jsonb, int maxAttachments, long connectTimeout, SecureRandom random,
                       SocketIoObserver observer) {

    SocketIoRuntime(SioEncoder encoder, Jsonb jsonb, int maxAttachments, long connectTimeout, SecureRandom random) {
        this(encoder, jsonb, maxAttachments, connectTimeout, random, SocketIoObserver.NONE);
    }

    /** A Socket.IO socket id: random, unrelated to the Engine.IO session id. */
    String newId() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
