package dev.switchboard.adapter.cluster;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack.PackerConfig;
import org.msgpack.core.MessagePack.UnpackerConfig;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MessagePack as notepack.io writes and reads it, which is what Node's Redis adapters put on the wire.
 * <p>
 * Plain values only, both ways: {@code null}, {@link Boolean}, {@link Long} (every integer), {@link Double},
 * {@link String}, {@code byte[]} (bin; also ext type 0, a JavaScript ArrayBuffer), {@link Instant} (the timestamp
 * extension, a JavaScript Date), {@link List} and {@link Map} with String keys. notepack writes JavaScript's
 * {@code undefined} as nil, and leaves it out of objects; its older form (fixext 1 of type 0) reads as JSON.stringify
 * would send it to a client: left out of a map, {@code null} in an array. An extension notepack does not know reads
 * as notepack reads it, {@code [type, bytes]}. Writing, a number with no fraction is an integer of the smallest form
 * (JavaScript has one number type; -0 is 0), a {@code ByteBuffer}, a {@link Date}, a {@link Collection} or an
 * {@code Object[]} are accepted too. Stateless and thread-safe.
 */
public final class MessagePack {
    /** JavaScript {@code undefined}, as notepack writes it: fixext 1, type 0, one zero byte. */
    private static final byte UNDEFINED_TYPE = 0;
    /** The MessagePack timestamp extension, notepack's form of a Date. */
    private static final byte TIMESTAMP_TYPE = -1;
    /** Deeper than this is refused: a message is data, and a recursion bomb should not take a thread's stack. */
    private static final int MAX_DEPTH = 100;
    private static final Object SKIP = new Object();

    private static final PackerConfig PACKER = new PackerConfig();
    private static final UnpackerConfig UNPACKER = new UnpackerConfig();

    public byte[] encode(Object value) {
        try (MessageBufferPacker packer = PACKER.newBufferPacker()) {
            write(packer, value, 0);
            return packer.toByteArray();
        } catch (IOException impossible) {
            throw new IllegalStateException("writing MessagePack to memory failed", impossible);
        }
    }

    /** @throws MalformedMessageException for anything that is not one complete MessagePack value */
    public Object decode(byte[] bytes) {
        try (MessageUnpacker unpacker = UNPACKER.newUnpacker(bytes)) {
            Object value = read(unpacker, 0);
            if (unpacker.hasNext()) {
                throw new MalformedMessageException("trailing bytes after a MessagePack value");
            }
            return value == SKIP ? null : value;
        } catch (MessagePackException | IOException | ArithmeticException malformed) {
            throw new MalformedMessageException("not MessagePack: " + malformed.getMessage());
        }
    }

    private static void write(MessageBufferPacker out, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            out.packNil();
        } else if (value instanceof String string) {
            out.packString(string);
        } else if (value instanceof Boolean bool) {
            out.packBoolean(bool);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.packLong(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                out.packLong(big.longValue());
            } else {
                out.packDouble(big.doubleValue());
            }
        } else if (value instanceof Number number) {
            writeNumber(out, number.doubleValue());
        } else if (value instanceof byte[] bytes) {
            out.packBinaryHeader(bytes.length);
            out.writePayload(bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            write(out, bytes, depth);
        } else if (value instanceof Instant instant) {
            writeTimestamp(out, instant);
        } else if (value instanceof Date date) {
            writeTimestamp(out, date.toInstant());
        } else if (value instanceof Map<?, ?> map) {
            out.packMapHeader(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.packString(String.valueOf(entry.getKey()));
                write(out, entry.getValue(), depth + 1);
            }
        } else if (value instanceof Collection<?> items) {
            out.packArrayHeader(items.size());
            for (Object item : items) {
                write(out, item, depth + 1);
            }
        } else if (value instanceof Object[] items) {
            write(out, Arrays.asList(items), depth);
        } else {
            throw new IllegalArgumentException("not a plain value: " + value.getClass().getName());
        }
    }

    /** notepack: an integral number is an integer of the smallest width, anything else a float 64. */
    private static void writeNumber(MessageBufferPacker out, double number) throws IOException {
        if (number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < 0x1p63) {
            out.packLong((long) number);
        } else {
            out.packDouble(number);
        }
    }

    private static void writeTimestamp(MessageBufferPacker out, Instant instant) throws IOException {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (seconds >>> 34 == 0) {
            long data = ((long) nanos << 34) | seconds;
            if ((data & 0xffffffff00000000L) == 0) {
                out.packExtensionTypeHeader(TIMESTAMP_TYPE, 4);
                out.writePayload(ByteBuffer.allocate(4).putInt((int) data).array());
            } else {
                out.packExtensionTypeHeader(TIMESTAMP_TYPE, 8);
                out.writePayload(ByteBuffer.allocate(8).putLong(data).array());
            }
        } else {
            out.packExtensionTypeHeader(TIMESTAMP_TYPE, 12);
            out.writePayload(ByteBuffer.allocate(12).putInt(nanos).putLong(seconds).array());
        }
    }

    private static Object read(MessageUnpacker in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new MalformedMessageException("nested deeper than " + MAX_DEPTH);
        }
        MessageFormat format = in.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL -> {
                in.unpackNil();
                return null;
            }
            case BOOLEAN -> {
                return in.unpackBoolean();
            }
            case INTEGER -> {
                if (format == MessageFormat.UINT64) {
                    BigInteger big = in.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
                }
                return in.unpackLong();
            }
            case FLOAT -> {
                return in.unpackDouble();
            }
            case STRING -> {
                return in.unpackString();
            }
            case BINARY -> {
                return in.readPayload(in.unpackBinaryHeader());
            }
            case ARRAY -> {
                int size = in.unpackArrayHeader();
                List<Object> items = new ArrayList<>(Math.min(size, 1024));
                for (int i = 0; i < size; i++) {
                    Object item = read(in, depth + 1);
                    items.add(item == SKIP ? null : item);
                }
                return items;
            }
            case MAP -> {
                int size = in.unpackMapHeader();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    Object key = read(in, depth + 1);
                    Object item = read(in, depth + 1);
                    if (item != SKIP) {
                        map.put(String.valueOf(key == SKIP ? "undefined" : key), item);
                    }
                }
                return map;
            }
            case EXTENSION -> {
                var header = in.unpackExtensionTypeHeader();
                byte[] data = in.readPayload(header.getLength());
                if (header.getType() == UNDEFINED_TYPE && data.length == 1 && data[0] == 0
                        && format == MessageFormat.FIXEXT1) {
                    return SKIP;
                }
                if (header.getType() == UNDEFINED_TYPE && format == MessageFormat.FIXEXT8) {
                    return Instant.ofEpochMilli(ByteBuffer.wrap(data).getLong()); // notepack's old form of a Date
                }
                if (header.getType() == UNDEFINED_TYPE && format != MessageFormat.FIXEXT1) {
                    return data; // an ArrayBuffer: binary like a Buffer
                }
                if (header.getType() == TIMESTAMP_TYPE) {
                    return readTimestamp(data);
                }
                return List.of((long) header.getType(), data); // as notepack reads an extension it does not know
            }
            default -> throw new MalformedMessageException("unexpected MessagePack format " + format);
        }
    }

    private static Instant readTimestamp(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        return switch (data.length) {
            case 4 -> Instant.ofEpochSecond(Integer.toUnsignedLong(buffer.getInt()));
            case 8 -> {
                long packed = buffer.getLong();
                yield Instant.ofEpochSecond(packed & 0x3ffffffffL, packed >>> 34);
            }
            case 12 -> {
                int nanos = buffer.getInt();
                yield Instant.ofEpochSecond(buffer.getLong(), nanos);
            }
            default -> throw new MalformedMessageException("a timestamp of " + data.length + " bytes");
        };
    }
}
