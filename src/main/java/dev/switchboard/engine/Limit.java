package dev.switchboard.engine;

/** The limits the engine enforces, each with the name metrics and logs use for it. */
public enum Limit {
    /** Open sessions: {@code maxConnections}. */
    CONNECTIONS("connections"),
    /** Long-polling GETs waiting at once: {@code maxPollsInFlight}. */
    POLLS_IN_FLIGHT("polls_in_flight"),
    /** Packets a connection sends per second: {@code maxPacketRate} and {@code packetBurst}. */
    PACKET_RATE("packet_rate"),
    /** Bytes waiting to be written to one client: {@code maxBufferedBytes}. */
    BUFFERED_BYTES("buffered_bytes");

    private final String label;

    Limit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
