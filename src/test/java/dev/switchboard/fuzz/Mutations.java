package dev.switchboard.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Inputs that are almost right, for the {@code *Properties} fuzz tests: a valid structure with up to a few
 * mutations, the kind that gets past a decoder's first checks and into its deep branches. Random bytes alone
 * rarely do: they fail at the first byte. A third of the inputs stay valid, so the decoders' success paths are
 * walked as often as their refusals. Each mutation draws from a {@link Random} made anew from a generated seed, so
 * that jqwik's report, shrinking and a rerun with its seed all see the same input.
 */
public final class Mutations {
    /** Bytes at the edges of every header field a decoder reads: sign bits, 7-bit lengths, UTF-8 lead bytes. */
    private static final byte[] EDGE_BYTES = {0, 1, 0x7D, 0x7E, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0xBF,
            (byte) 0xC0, (byte) 0xC3, (byte) 0xE2, (byte) 0xED, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFE, (byte) 0xFF};
    /**
     * Text the decoders give meaning to, and text that breaks the usual assumptions: separators, lone surrogates,
     * numbers past every integer type, malformed escapes, a replacement character where invalid UTF-8 was.
     */
    private static final List<String> EDGE_TEXT = List.of("\u001e", "\ud800", "\udc00", "\udbff\udfff", "😀", "\ufffd",
            "\u0000", "\n", "\r", " ", "[", "]", "{", "}", "\"", "\\", ",", ":", "-", "/", "0", "9", "٣", "b", "=", "&",
            "%", "%zz", "%C3", "%ED%A0%80", "+", "9007199254740992", "99999999999999999999", "-1", "1e999999999",
            "1e99999999999", "-0.5E+4000000000", "{\"_placeholder\":true,\"num\":0}", "{\"_placeholder\":true,\"num\":-1}",
            "true", "null", "\"\\ud800\"", "\"\\u00\"", "AAAA", "====");

    private Mutations() {
    }

    /** {@code valid} bytes, a third as they are and the rest with one to four mutations. */
    public static Arbitrary<byte[]> of(Arbitrary<byte[]> valid) {
        return Combinators.combine(valid, Arbitraries.longs(), Arbitraries.integers().between(-2, 4))
                .as((bytes, seed, count) -> {
                    Random random = new Random(seed);
                    byte[] mutated = bytes;
                    for (int i = 0; i < count; i++) {
                        mutated = mutate(mutated, random);
                    }
                    return mutated;
                });
    }

    /** {@code valid} text, a third as it is and the rest with one to four mutations. */
    public static Arbitrary<String> ofText(Arbitrary<String> valid) {
        return Combinators.combine(valid, Arbitraries.longs(), Arbitraries.integers().between(-2, 4))
                .as((text, seed, count) -> {
                    Random random = new Random(seed);
                    String mutated = text;
                    for (int i = 0; i < count; i++) {
                        mutated = mutate(mutated, random);
                    }
                    return mutated;
                });
    }

    /** Text that opens {@code depth} arrays or objects, 10,000 deep and more, closed or not. */
    public static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 20_000),
                        Arbitraries.of("[", "{\"a\":", "[{\"a\":"), Arbitraries.of(true, false))
                .as((depth, open, closed) -> {
                    String close = switch (open) {
                        case "[" -> "]";
                        case "{\"a\":" -> "}";
                        default -> "}]";
                    };
                    return open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                });
    }

    static byte[] mutate(byte[] bytes, Random random) {
        int length = bytes.length;
        int at = length == 0 ? 0 : random.nextInt(length);
        byte[] out = bytes.clone();
        switch (random.nextInt(7)) {
            case 0 -> {
                if (length > 0) {
                    out[at] ^= (byte) (1 << random.nextInt(8)); // bit flip
                }
            }
            case 1 -> {
                if (length > 0) {
                    out[at] = EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
                }
            }
            case 2 -> out = Arrays.copyOf(bytes, at); // truncation
            case 3 -> { // a short run of random or edge bytes inserted
                byte[] inserted = new byte[1 + random.nextInt(8)];
                if (random.nextBoolean()) {
                    random.nextBytes(inserted);
                } else {
                    Arrays.fill(inserted, EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]);
                }
                out = splice(bytes, at, 0, inserted);
            }
            case 4 -> out = splice(bytes, at, Math.min(length - at, 1 + random.nextInt(16)), new byte[0]); // deletion
            case 5 -> { // a slice repeated: a frame sent twice, a fragment duplicated
                int end = at + random.nextInt(length - at + 1);
                out = splice(bytes, end, 0, Arrays.copyOfRange(bytes, at, end));
            }
            default -> out = splice(bytes, at, 0, EDGE_TEXT.get(random.nextInt(EDGE_TEXT.size())).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static String mutate(String text, Random random) {
        int length = text.length();
        int at = length == 0 ? 0 : random.nextInt(length);
        StringBuilder out = new StringBuilder(text);
        switch (random.nextInt(6)) {
            case 0 -> {
                if (length > 0) {
                    out.setCharAt(at, (char) (text.charAt(at) ^ (1 << random.nextInt(16)))); // may make a lone surrogate
                }
            }
            case 1 -> out.setLength(at); // truncation
            case 2 -> out.delete(at, Math.min(length, at + 1 + random.nextInt(16)));
            case 3 -> { // a slice repeated
                int end = at + random.nextInt(length - at + 1);
                out.insert(end, text, at, end);
            }
            case 4 -> out.insert(at, (char) random.nextInt(0x10000));
            default -> out.insert(at, EDGE_TEXT.get(random.nextInt(EDGE_TEXT.size())));
        }
        return out.toString();
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at + removed, bytes.length - at - removed);
        return out.toByteArray();
    }
}
