package dev.switchboard.api;

import dev.switchboard.api.BearerTokens.Outcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokensTest {
    private static final String ADMIN = "admin-0123456789abcdef";
    private static final String PUBLISH = "publish-0123456789abcdef";
    private final BearerTokens tokens = new BearerTokens(ADMIN, PUBLISH);

    @Test
    void eachTokenIdentifiesItsRole() {
        assertEquals(Outcome.ADMIN, tokens.identify("Bearer " + ADMIN));
        assertEquals(Outcome.PUBLISHER, tokens.identify("Bearer " + PUBLISH));
    }

    @Test
    void schemeIsCaseInsensitiveAndSurroundingSpaceIgnored() {
        assertEquals(Outcome.ADMIN, tokens.identify("bearer " + ADMIN));
        assertEquals(Outcome.ADMIN, tokens.identify("BEARER   " + ADMIN + "  "));
    }

    @Test
    void missingOrOtherSchemesAreNoCredential() {
        assertEquals(Outcome.NO_CREDENTIAL, tokens.identify(null));
        assertEquals(Outcome.NO_CREDENTIAL, tokens.identify(""));
        assertEquals(Outcome.NO_CREDENTIAL, tokens.identify("Bearer "));
        assertEquals(Outcome.NO_CREDENTIAL, tokens.identify("Basic YWRtaW46c2VjcmV0"));
        assertEquals(Outcome.NO_CREDENTIAL, tokens.identify(ADMIN));
    }

    @Test
    void nearMissesAreInvalid() {
        assertEquals(Outcome.INVALID, tokens.identify("Bearer " + ADMIN.substring(1)));
        assertEquals(Outcome.INVALID, tokens.identify("Bearer " + ADMIN + "x"));
        assertEquals(Outcome.INVALID, tokens.identify("Bearer " + ADMIN.toUpperCase()));
        assertEquals(Outcome.INVALID, tokens.identify("Bearer x"));
    }

    @Test
    void unconfiguredTokensMatchNothingNotEvenEmptyOnes() {
        BearerTokens none = new BearerTokens("", null);
        assertFalse(none.configured(Role.ADMIN));
        assertFalse(none.configured(Role.PUBLISHER));
        assertEquals(Outcome.INVALID, none.identify("Bearer anything-at-all-here"));
        BearerTokens publishOnly = new BearerTokens("", PUBLISH);
        assertFalse(publishOnly.configured(Role.ADMIN));
        assertTrue(publishOnly.configured(Role.PUBLISHER));
        assertEquals(Outcome.PUBLISHER, publishOnly.identify("Bearer " + PUBLISH));
    }

    @Test
    void tokenIsTheTextAfterTheScheme() {
        assertEquals("abc", BearerTokens.token("Bearer abc").orElseThrow());
        assertTrue(BearerTokens.token("Bearerabc").isEmpty());
    }
}
