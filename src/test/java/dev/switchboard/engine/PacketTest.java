package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class PacketTest {
    private final AtomicInteger framings = new AtomicInteger();
    private final Function<Packet, byte[]> utf8 = packet -> {
        framings.incrementAndGet();
        return packet.frame().getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void aPacketIsFramedOnceForEverySessionItIsSentTo() {
        Packet broadcast = Packet.message("2[\"news\",\"é\"]");
        byte[] first = broadcast.framedBy(utf8);
        byte[] second = broadcast.framedBy(utf8);
        assertSame(first, second, "the second recipient gets the first one's frame");
        assertEquals(1, framings.get());
        assertArrayEquals("42[\"news\",\"é\"]".getBytes(StandardCharsets.UTF_8), first);
    }

    @Test
    void anotherFramingIsNotAnsweredWithTheFirstOnesBytes() {
        Packet packet = Packet.message("hello");
        Function<Packet, byte[]> other = p -> new byte[] {42};
        packet.framedBy(utf8);
        assertArrayEquals(new byte[] {42}, packet.framedBy(other));
        assertArrayEquals("4hello".getBytes(StandardCharsets.UTF_8), packet.framedBy(utf8));
    }

    @Test
    void aDetachedPacketSharesTheDataButNotTheFrame() {
        byte[] data = {1, 2, 3};
        Packet packet = Packet.message(data);
        Function<Packet, byte[]> copy = p -> p.binary().clone();
        byte[] framed = packet.framedBy(copy);
        Packet kept = packet.detached();
        assertEquals(packet, kept);
        assertSame(data, kept.binary());
        assertNotSame(framed, kept.framedBy(copy), "framed again, not the sender's frame");
    }
}
