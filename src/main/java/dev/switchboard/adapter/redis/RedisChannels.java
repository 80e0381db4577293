package dev.switchboard.adapter.redis;

/**
 * The Redis channels of one namespace, named as Node's {@code @socket.io/redis-adapter} names them:
 * broadcasts on {@code <key>#<nsp>#} (and {@code <key>#<nsp>#<room>#} for a broadcast to exactly one room),
 * requests on {@code <key>-request#<nsp>#}, answers on {@code <key>-response#<nsp>#} or
 * {@code <key>-response#<nsp>#<uid>#}.
 */
record RedisChannels(String key, String namespace) {

    String broadcast() {
        return key + "#" + namespace + "#";
    }

    String broadcastTo(String room) {
        return broadcast() + room + "#";
    }

    String broadcastPattern() {
        return broadcast() + "*";
    }

    String request() {
        return key + "-request#" + namespace + "#";
    }

    String response() {
        return key + "-response#" + namespace + "#";
    }

    String responseTo(String uid) {
        return response() + uid + "#";
    }

    /** Whether a message on this channel is for this namespace (a namespace name may be a prefix of another's). */
    boolean owns(String channel) {
        return channel.startsWith(broadcast()) || channel.equals(request()) || channel.startsWith(response());
    }

    /** The room of a one-room broadcast channel, "" for the namespace's own broadcast channel. */
    String roomOf(String broadcastChannel) {
        return broadcastChannel.substring(broadcast().length(), Math.max(broadcast().length(), broadcastChannel.length() - 1));
    }
}
