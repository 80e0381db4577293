package dev.switchboard.engine.transport;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryStringTest {

    @Test
    void readsTheEngineIoParameters() {
        assertEquals(Map.of("EIO", "4", "transport", "websocket", "sid", "AbC-_9"),
                QueryString.parse("EIO=4&transport=websocket&sid=AbC-_9"));
    }

    @Test
    void noQueryIsEmpty() {
        assertEquals(Map.of(), QueryString.parse(null));
        assertEquals(Map.of(), QueryString.parse(""));
    }

    @Test
    void decodesPercentEncodingAsUtf8AndPlusAsSpace() {
        assertEquals(Map.of("name", "Zoë Ann", "a&b", "c=d"), QueryString.parse("name=Zo%C3%AB+Ann&a%26b=c%3Dd"));
    }

    @Test
    void theFirstValueOfARepeatedNameWins() {
        assertEquals(Map.of("transport", "polling"), QueryString.parse("transport=polling&transport=websocket"));
    }

    @Test
    void aNameWithoutValueIsEmptyAndEmptyPartsAreSkipped() {
        assertEquals(Map.of("flag", "", "EIO", "4", "x", ""), QueryString.parse("&flag&&EIO=4&x=&"));
    }

    @Test
    void aValueMayContainEqualsSigns() {
        assertEquals(Map.of("token", "a=b="), QueryString.parse("token=a=b="));
    }

    @Test
    void malformedPercentEncodingIsKeptAsSent() {
        assertEquals(Map.of("sid", "%zz", "EIO", "4", "t", "50%"), QueryString.parse("sid=%zz&EIO=4&t=50%"));
    }
}
