package dev.switchboard.config;

import java.net.URI;

/**
 * How this node joins others: the adapter kind and, for Redis, where and under which key.
 *
 * @param redisUrl as Lettuce reads it ({@code redis://[:password@]host:port[/db]}, {@code rediss://} for TLS); may
 *                 hold a password: never log it, use {@link #redisUrlForDisplay()}
 * @param streamCount with {@code redis-streams}, how many streams the namespaces are spread over (at least 1)
 */
public record ClusterSettings(AdapterKind adapter, String redisUrl, String redisKey, long redisRequestTimeout,
                              int streamCount) {

    public ClusterSettings {
        if (streamCount < 1) {
            throw new IllegalArgumentException("streamCount must be at least 1: " + streamCount);
        }
    }

    /**
     * The stream a namespace's entries go to, named as Node's {@code @socket.io/redis-streams-adapter} names it: the
     * key alone for one stream, else {@code <key>-<i>} with {@code i} the Java hash of the name, JS {@code %} (so
     * negative for a negative hash, as Node's, and Java's {@code %} is the same).
     */
    public String streamName(String namespace) {
        return streamCount == 1 ? redisKey : redisKey + "-" + (namespace.hashCode() % streamCount);
    }

    /** The Redis URL with any credentials replaced by "****", for logs and {@code /api/info}. */
    public String redisUrlForDisplay() {
        try {
            URI uri = URI.create(redisUrl);
            if (uri.getRawUserInfo() == null) {
                return redisUrl;
            }
            return new URI(uri.getScheme(), "****", uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception unreadable) {
            return "****";
        }
    }
}
