package dev.switchboard.socketio;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes Socket.IO v5 packets from Engine.IO messages for one connection, reassembling binary packets from
 * their header and attachments. Not thread-safe: one per connection, used on its session's executor.
 * <p>
 * Format: {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}. Whatever a client sends, in whatever
 * order, is a packet or a {@link MalformedSioPacketException}, nothing else (pinned by {@code SioDecoderProperties}).
 */
public final class SioDecoder {
    /** Names a client may not emit: the client library uses them for its own events. */
    static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    /** JavaScript's largest safe integer: larger ack ids cannot come from a real client. */
    private static final long MAX_ACK_ID = (1L << 53) - 1;

    private final JsonProvider json;
    private final int maxAttachments;
    private SioPacket pending;
    private int expectedAttachments;
    private final List<byte[]> attachments = new ArrayList<>();

    public SioDecoder(int maxAttachments) {
        this(JsonProvider.provider(), maxAttachments);
    }

    /** @param json the provider to parse with, looked up once by the caller (see {@link SocketIoRuntime}) */
    public SioDecoder(JsonProvider json, int maxAttachments) {
        this.json = json;
        this.maxAttachments = maxAttachments;
    }

    /** @return the complete packet, or null while a binary packet still waits for attachments */
    public SioPacket decode(String text) throws MalformedSioPacketException {
        if (pending != null) {
            throw new MalformedSioPacketException("text packet while waiting for binary attachments");
        }
        SioPacket packet = parse(text);
        if (packet.type().isBinary() && expectedAttachments > 0) {
            pending = packet;
            return null;
        }
        return packet;
    }

    /** @return the complete packet once its last attachment arrived, else null */
    public SioPacket decode(byte[] attachment) throws MalformedSioPacketException {
        if (pending == null) {
            throw new MalformedSioPacketException("binary data without a binary packet");
        }
        attachments.add(attachment);
        if (attachments.size() < expectedAttachments) {
            return null;
        }
        SioPacket complete = new SioPacket(pending.type(), pending.namespace(), pending.data(), pending.ackId(), attachments);
        pending = null;
        attachments.clear();
        checkPlaceholders(complete.data(), complete.attachments().size());
        return complete;
    }

    /**
     * As the reference parser reconstructs a binary packet: every object whose {@code _placeholder} is true must
     * name an attachment by a number from 0 to the count, or the packet is illegal. (A fraction below the count
     * names none, there as here.)
     */
    private static void checkPlaceholders(JsonValue value, int count) throws MalformedSioPacketException {
        if (value instanceof JsonObject object) {
            if (object.get("_placeholder") == JsonValue.TRUE) {
                if (!(object.get("num") instanceof JsonNumber num) || num.doubleValue() < 0 || num.doubleValue() >= count) {
                    throw new MalformedSioPacketException("illegal attachments");
                }
                return;
            }
            for (JsonValue member : object.values()) {
                checkPlaceholders(member, count);
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                checkPlaceholders(item, count);
            }
        }
    }

    private SioPacket parse(String text) throws MalformedSioPacketException {
        if (text.isEmpty()) {
            throw new MalformedSioPacketException("empty packet");
        }
        SioPacketType type = SioPacketType.fromCode(text.charAt(0));
        if (type == null) {
            throw new MalformedSioPacketException("unknown packet type");
        }
        int i = 1;
        expectedAttachments = 0;
        if (type.isBinary()) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 9 || !digits(text, i, dash)) {
                throw new MalformedSioPacketException("illegal attachment count");
            }
            expectedAttachments = Integer.parseInt(text.substring(i, dash));
            if (expectedAttachments > maxAttachments) {
                throw new MalformedSioPacketException("too many attachments: " + expectedAttachments);
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : end + 1;
        }
        int idStart = i;
        while (i < text.length() && isAsciiDigit(text.charAt(i))) {
            i++;
        }
        Long ackId = null;
        if (i > idStart) {
            if (i - idStart > 16 || Long.parseLong(text.substring(idStart, i)) > MAX_ACK_ID) {
                throw new MalformedSioPacketException("invalid ack id");
            }
            ackId = Long.parseLong(text.substring(idStart, i));
        }
        JsonValue data = i < text.length() ? parseJson(text.substring(i)) : null;
        validate(type, data, ackId);
        return new SioPacket(type, namespace, data, ackId, List.of());
    }

    private static void validate(SioPacketType type, JsonValue data, Long ackId) throws MalformedSioPacketException {
        boolean valid = switch (type) {
            case CONNECT -> data == null || data.getValueType() == JsonValue.ValueType.OBJECT;
            case DISCONNECT -> data == null;
            case EVENT, BINARY_EVENT -> isEvent(data);
            case ACK, BINARY_ACK -> ackId != null && data != null && data.getValueType() == JsonValue.ValueType.ARRAY;
            case CONNECT_ERROR -> false; // only servers send it
        };
        if (!valid) {
            throw new MalformedSioPacketException("invalid payload for " + type);
        }
    }

    private static boolean isEvent(JsonValue data) {
        if (data == null || data.getValueType() != JsonValue.ValueType.ARRAY) {
            return false;
        }
        JsonArray array = data.asJsonArray();
        return !array.isEmpty() && array.get(0).getValueType() == JsonValue.ValueType.STRING
                && !RESERVED_EVENTS.contains(array.getString(0));
    }

    /**
     * Exactly one JSON value, nothing after it. Whatever the parser throws is about the client's text: besides
     * JsonException, Parsson refuses a number longer than its limit (UnsupportedOperationException), an exponent
     * beyond an int (NumberFormatException) and nesting past its depth limit (a plain RuntimeException), and
     * other JSON-P implementations may differ.
     */
    private JsonValue parseJson(String text) throws MalformedSioPacketException {
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new MalformedSioPacketException("unexpected data after the JSON payload");
            }
            return value;
        } catch (RuntimeException badJson) {
            throw new MalformedSioPacketException("invalid JSON payload: " + badJson.getClass().getSimpleName());
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * 0-9 only: Character.isDigit also takes other scripts' digits, which parseLong reads as numbers too, so "2٣[...]"
     * was ack id 3; the reference parser refuses them as JavaScript's Number() does.
     */
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
