package dev.switchboard.socketio;

import jakarta.json.JsonValue;

import java.util.List;

/**
 * A decoded Socket.IO packet. Binary attachments are kept apart from the JSON data, which still holds their
 * placeholders ({@code {"_placeholder":true,"num":N}}).
 *
 * @param data the JSON payload, or null when the packet has none
 * @param ackId the acknowledgement id, or null
 */
public record SioPacket(SioPacketType type, String namespace, JsonValue data, Long ackId, List<byte[]> attachments) {

    public SioPacket {
        attachments = List.copyOf(attachments);
    }
}
