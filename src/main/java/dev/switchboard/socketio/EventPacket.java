package dev.switchboard.socketio;

import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Arguments;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

import java.util.List;

/**
 * An EVENT packet as handlers see it: its name, and its arguments after the name with their attachments.
 *
 * @param name the event's name
 * @param args its arguments
 */
record EventPacket(String name, Arguments args) {

    /** A decoded EVENT or BINARY_EVENT packet. */
    static EventPacket of(SioPacket packet, SocketIoRuntime runtime) {
        JsonArray data = packet.data().asJsonArray();
        JsonArrayBuilder rest = runtime.json().createArrayBuilder();
        for (int i = 1; i < data.size(); i++) {
            rest.add(data.get(i));
        }
        return new EventPacket(data.getString(0), new Arguments(rest.build(), packet.attachments(), runtime.jsonb()));
    }

    /**
     * The event that packets encoded here carry (the text packet, then its attachments), read back; null for
     * anything else, an acknowledgement say.
     *
     * @throws MalformedSioPacketException only if our own encoder wrote something it cannot read: a bug
     */
    static EventPacket decoded(List<Packet> packets, SocketIoRuntime runtime) throws MalformedSioPacketException {
        SioDecoder decoder = new SioDecoder(runtime.json(), packets.size());
        SioPacket packet = decoder.decode(packets.get(0).data());
        for (int i = 1; packet == null && i < packets.size(); i++) {
            packet = decoder.decode(packets.get(i).binary());
        }
        boolean event = packet != null && (packet.type() == SioPacketType.EVENT || packet.type() == SioPacketType.BINARY_EVENT);
        return event ? of(packet, runtime) : null;
    }
}
