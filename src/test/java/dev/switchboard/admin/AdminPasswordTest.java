package dev.switchboard.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hashes as bcryptjs 2.4.3 (the Node Admin UI's) made them, cost 4, checked here as the Node server checks them. */
class AdminPasswordTest {
    private static final String S3CRET = "$2a$04$oUj3HNoKocK3tBJuuBk2MuRc4D6ncfFaDodg506tkCt7HSHmzw8Y.";
    private static final String EIGHTY_X = "$2a$04$77TL.3TkC0UH3MJY2lSnju5EnzGdlj5NyHtaMZdFJujCy3qYI0kKa";
    private static final String UMLAUTS = "$2a$04$CgCkUYVpUhIQylVR85CjxOD3Hu72UH9MAW569beQf78YfS1ABhDSC";

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        AdminPassword password = new AdminPassword(S3CRET);
        assertTrue(password.matches("s3cret-pass"));
        assertFalse(password.matches("s3cret-pas"));
        assertFalse(password.matches(""));
    }

    @Test
    void theTwoBAndTwoYPrefixesOfOtherToolsCheckTheSame() {
        assertTrue(new AdminPassword("$2b$" + S3CRET.substring(4)).matches("s3cret-pass"));
        assertTrue(new AdminPassword("$2y$" + S3CRET.substring(4)).matches("s3cret-pass"));
    }

    @Test
    void aPasswordIsUtf8AndLongOnesAreCutAt72BytesAsBcryptjsCutsThem() {
        assertTrue(new AdminPassword(UMLAUTS).matches("pässwörd"));
        assertTrue(new AdminPassword(EIGHTY_X).matches("x".repeat(80)));
        assertTrue(new AdminPassword(EIGHTY_X).matches("x".repeat(72) + "anything after"));
        assertFalse(new AdminPassword(EIGHTY_X).matches("x".repeat(71)));
    }
}
