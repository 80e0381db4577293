package dev.switchboard.autobahn;

/**
 * The largest message the echo endpoints take: system property {@code echo.maxMessageSize} (bytes), by default
 * 64 MiB, above the 16 MiB of Autobahn's largest cases. A setting of the echo build only.
 */
final class EchoLimit {
    static final int DEFAULT = 64 * 1024 * 1024;

    private EchoLimit() {
    }

    static int bytes() {
        return Integer.getInteger("echo.maxMessageSize", DEFAULT);
    }
}
