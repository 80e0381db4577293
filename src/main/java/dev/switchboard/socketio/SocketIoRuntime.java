package dev.switchboard.socketio;

import dev.switchboard.adapter.AdapterFactory;
import dev.switchboard.config.RecoverySettings;
import dev.switchboard.handler.SocketActivity;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * What every namespace, client and socket shares: the codec, limits, id source, observer, adapter kind and
 * connection state recovery settings.
 * Thread-safe.
 *
 * @param json the JSON-P provider, looked up once: {@code Json.createReader} and friends look it up again on
 *             every call, a ServiceLoader scan of the deployment's class path
 */
record SocketIoRuntime(SioEncoder encoder, JsonProvider json, Jsonb jsonb, int maxAttachments, long connectTimeout,
                       SecureRandom random, SocketIoObserver observer, AdapterFactory adapters, RecoverySettings recovery,
                       PlainValues plain, SocketActivity activity) {

    SocketIoRuntime(SioEncoder encoder, JsonProvider json, Jsonb jsonb, int maxAttachments, long connectTimeout,
                    SecureRandom random, SocketIoObserver observer, AdapterFactory adapters, RecoverySettings recovery) {
        this(encoder, json, jsonb, maxAttachments, connectTimeout, random, observer, adapters, recovery, SocketActivity.NONE);
    }

    SocketIoRuntime(SioEncoder encoder, JsonProvider json, Jsonb jsonb, int maxAttachments, long connectTimeout,
                    SecureRandom random, SocketIoObserver observer, AdapterFactory adapters, RecoverySettings recovery,
                    SocketActivity activity) {
        this(encoder, json, jsonb, maxAttachments, connectTimeout, random, observer, adapters, recovery,
                new PlainValues(json, jsonb), activity);
    }

    /** A Socket.IO socket id: random, unrelated to the Engine.IO session id. */
    String newId() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
