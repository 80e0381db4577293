package dev.switchboard.it;

import dev.switchboard.it.support.FrameSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

/**
 * {@link CloseCodeContract} on Switchboard's own WebSocket (the default, {@code websocket=servlet}), which also
 * refuses what the container's path cannot: an unmasked client frame, and a message over maxPayload from its
 * header alone, before any of its body is read or buffered.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class CloseCodesIT extends CloseCodeContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void anUnmaskedFrameIsClosedWith1002() throws Exception {
        assertClosedWith(1002, FrameSocket.frame(0x81, "40".getBytes(StandardCharsets.UTF_8), false));
    }

    @Test
    void aMessageOverMaxPayloadIsClosedWith1009FromItsHeaderAlone() throws Exception {
        // 10,000,000 bytes announced, none sent: refused at once, nothing allocated for it
        assertClosedWith(1009, new byte[]{(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) 0x98, (byte) 0x96, (byte) 0x80, 1, 2, 3, 4});
        // 2^32 + 5 bytes, the length a 32-bit counter would wrap to 5
        assertClosedWith(1009, new byte[]{(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 1, 0, 0, 0, 5, 1, 2, 3, 4});
        // 1,000,001: just over the default maxPayload, far over the tests' 100,000
        assertClosedWith(1009, new byte[]{(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x0F, 0x42, 0x41, 1, 2, 3, 4});
    }

    @Test
    void fragmentsThatTogetherPassMaxPayloadAreClosedWith1009() throws Exception {
        byte[] half = new byte[MAX_PAYLOAD / 2 + 1];
        java.util.Arrays.fill(half, (byte) 'a');
        half[0] = '4';
        byte[] first = FrameSocket.frame(0x01, half, true);
        byte[] second = FrameSocket.frame(0x00, half, true);
        byte[] third = FrameSocket.frame(0x80, new byte[]{'a'}, true);
        byte[] all = new byte[first.length + second.length + third.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        System.arraycopy(third, 0, all, first.length + second.length, third.length);
        assertClosedWith(1009, all);
    }
}
