package dev.switchboard.api;

/** Who a bearer token says the caller is. */
public enum Role {
    /** Everything: who is connected, rooms, emit. Token: adminToken. */
    ADMIN,
    /** Only publishing events through {@code POST /api/emit}. Token: publishToken. */
    PUBLISHER
}
