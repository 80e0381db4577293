package dev.switchboard.engine.transport;

import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzes {@link QueryString}: it never refuses (a malformed part is kept as sent, for the engine to refuse by its
 * own rules), and it reads back any query a client encodes as a form.
 */
class QueryStringProperties {

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyQueryIsAMapOfNamesToValues(@ForAll("rawQueries") String raw) {
        Map<String, String> query = QueryString.parse(raw);
        query.forEach((name, value) -> {
            assertNotNull(name);
            assertNotNull(value);
        });
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void aFormEncodedQueryReadsBackAsItWasWritten(@ForAll("parameters") Map<String, String> parameters) {
        assertEquals(parameters, QueryString.parse(encoded(parameters)));
    }

    private static String encoded(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Provide
    Arbitrary<Map<String, String>> parameters() {
        return Arbitraries.maps(wellFormed().ofMinLength(1), wellFormed()).ofMaxSize(6).map(LinkedHashMap::new);
    }

    /** The query as it arrives: encoded, then mutated (bare %, %zz, overlong and surrogate escapes, stray & and =). */
    @Provide
    Arbitrary<String> rawQueries() {
        return Arbitraries.oneOf(
                Mutations.ofText(parameters().map(QueryStringProperties::encoded)),
                Mutations.ofText(Arbitraries.of("EIO=4&transport=websocket&sid=AbC-_9", "t=%E2%82", "a=%F0%9F%98%80&b=%ED%A0%80")),
                Arbitraries.strings().withChars("%&=+aZ09C3E2").ofMaxLength(40));
    }

    /** Strings URLEncoder can carry: whole characters, no lone surrogate (it would become "?"). */
    private static net.jqwik.api.arbitraries.StringArbitrary wellFormed() {
        return Arbitraries.strings().ofMaxLength(20).excludeChars(surrogates());
    }

    private static char[] surrogates() {
        char[] chars = new char[Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (Character.MIN_SURROGATE + i);
        }
        return chars;
    }
}
