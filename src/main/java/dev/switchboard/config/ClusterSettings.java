package dev.switchboard.config;

import java.net.URI;

/**
 * How this node joins others: the adapter kind and, for Redis, where and under which key.
 *
 * @param redisUrl as Lettuce reads it ({@code redis://[:password@]host:port[/db]}, {@code rediss://} for TLS); may
 *                 hold a password: never log it, use {@link #redisUrlForDisplay()}
 */
public record ClusterSettings(AdapterKind adapter, String redisUrl, String redisKey, long redisRequestTimeout) {

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
