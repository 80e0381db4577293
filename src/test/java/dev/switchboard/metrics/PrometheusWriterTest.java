package dev.switchboard.metrics;

import dev.switchboard.metrics.PrometheusWriter.Type;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrometheusWriterTest {

    @Test
    void writesHelpTypeAndSamples() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("code", "4");
        labels.put("error", "FORBIDDEN");
        String text = new PrometheusWriter()
                .family("switchboard_engine_handshake_errors_total", Type.COUNTER, "Handshakes refused")
                .sample(labels, 3)
                .family("switchboard_engine_polls_in_flight", Type.GAUGE, "Waiting polls")
                .sample(0)
                .toString();
        assertEquals("""
                # HELP switchboard_engine_handshake_errors_total Handshakes refused
                # TYPE switchboard_engine_handshake_errors_total counter
                switchboard_engine_handshake_errors_total{code="4",error="FORBIDDEN"} 3
                # HELP switchboard_engine_polls_in_flight Waiting polls
                # TYPE switchboard_engine_polls_in_flight gauge
                switchboard_engine_polls_in_flight 0
                """, text);
    }

    @Test
    void escapesLabelValuesAndHelp() {
        String text = new PrometheusWriter()
                .family("x_total", Type.COUNTER, "a \\ b\nc")
                .sample(Map.of("room", "say \"hi\" \\ bye\nnow"), 1)
                .toString();
        assertEquals("""
                # HELP x_total a \\\\ b\\nc
                # TYPE x_total counter
                x_total{room="say \\"hi\\" \\\\ bye\\nnow"} 1
                """, text);
    }

    @Test
    void refusesNamesTheFormatDoesNotAllow() {
        assertThrows(IllegalArgumentException.class, () -> new PrometheusWriter().family("1bad_total", Type.COUNTER, ""));
        assertThrows(IllegalArgumentException.class, () -> new PrometheusWriter().family("bad-name", Type.GAUGE, ""));
        assertThrows(IllegalArgumentException.class, () -> new PrometheusWriter().family("requests", Type.COUNTER, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new PrometheusWriter().family("ok_total", Type.COUNTER, "").sample(Map.of("bad-label", "v"), 1));
        assertThrows(IllegalStateException.class, () -> new PrometheusWriter().sample(1));
    }

    @Test
    void labeledCounterCountsPerValue() {
        LabeledCounter counter = new LabeledCounter();
        counter.increment("/chat");
        counter.increment("/chat");
        counter.increment("/");
        assertEquals(2, counter.get("/chat"));
        assertEquals(0, counter.get("/none"));
        assertEquals(Map.of("/", 1L, "/chat", 2L), counter.snapshot());
    }
}
