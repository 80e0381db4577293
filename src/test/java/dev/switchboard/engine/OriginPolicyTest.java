package dev.switchboard.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {
    private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());
    private final OriginPolicy withAllowlist = new OriginPolicy(List.of("http://allowed.example", "https://App.Example:8443"));
    private final OriginPolicy anyOrigin = new OriginPolicy(List.of("*"));

    @ParameterizedTest(name = "Origin {0} is the page of Host {1}")
    @CsvSource({
            "http://app.example:8080, app.example:8080",
            "http://app.example, app.example",
            "http://app.example, app.example:80",
            "http://app.example:80, app.example",
            "https://app.example, app.example:443",
            "https://app.example, app.example",
            "https://app.example:443, app.example",
            "http://127.0.0.1:8080, 127.0.0.1:8080",
            "http://[::1]:8080, [::1]:8080",
            "http://APP.example:8080, app.EXAMPLE:8080"})
    void allowsThePagesOwnOrigin(String origin, String host) {
        assertTrue(sameOriginOnly.allows(origin, origin.startsWith("https"), host));
    }

    @ParameterizedTest(name = "Origin {0} is not the page of Host {1}")
    @CsvSource({
            "http://app.example:8081, app.example:8080",
            "http://evil.example, app.example",
            "http://app.example, app.example:8080",
            "https://app.example, app.example:80",
            "http://app.example.evil.example, app.example",
            "http://[::1]:8081, [::1]:8080"})
    void refusesAnotherOrigin(String origin, String host) {
        assertFalse(sameOriginOnly.allows(origin, origin.startsWith("https"), host));
    }

    @Test
    void refusesAnyOriginWhenTheHostIsUnknown() {
        assertFalse(sameOriginOnly.allows("http://app.example", false, null));
        assertFalse(sameOriginOnly.allows("http://app.example", false, " "));
    }

    @Test
    void allowsListedOriginsBesidesThePagesOwn() {
        assertTrue(withAllowlist.allows("http://allowed.example", false, "app.example"));
        assertTrue(withAllowlist.allows("https://app.example:8443", true, "other.example"));
        assertTrue(withAllowlist.allows("HTTP://Allowed.Example", false, "app.example"));
        assertTrue(withAllowlist.allows("http://app.example", false, "app.example"));
    }

    @Test
    void listedOriginMatchesOnSchemeHostAndPort() {
        assertFalse(withAllowlist.allows("https://allowed.example", true, "app.example"));
        assertFalse(withAllowlist.allows("http://allowed.example:8080", false, "app.example"));
        assertFalse(withAllowlist.allows("http://sub.allowed.example", false, "app.example"));
        assertFalse(withAllowlist.allows("http://evil.example", false, "app.example"));
    }

    @Test
    void starAllowsEveryOriginIncludingNull() {
        assertTrue(anyOrigin.allowsAnyOrigin());
        assertTrue(anyOrigin.allows("http://evil.example", false, "app.example"));
        assertTrue(anyOrigin.allows("null", false, "app.example"));
        assertFalse(withAllowlist.allowsAnyOrigin());
    }

    @Test
    void refusesNullOriginOfSandboxedAndFilePages() {
        assertFalse(sameOriginOnly.allows("null", false, "app.example"));
        assertFalse(withAllowlist.allows("null", false, "null"));
    }

    @Test
    void allowsRequestsWithoutOriginHeader() {
        // not from a browser page: native clients never send Origin, and hijacking needs a browser
        assertTrue(sameOriginOnly.allows(null, false, "app.example"));
        assertTrue(sameOriginOnly.allows(null, false, null));
    }

    @Test
    void refusesOriginsThatAreNotUris() {
        assertFalse(sameOriginOnly.allows("app.example:8080", false, "app.example:8080"));
        assertFalse(sameOriginOnly.allows("http://app example", false, "app.example"));
        assertFalse(sameOriginOnly.allows("", false, "app.example"));
    }

    @Test
    void samePageOnAnotherSchemeIsAnotherOrigin() {
        // an https page behind a TLS-terminating proxy is the server's own only when the proxy says https
        assertTrue(sameOriginOnly.allows("https://public.example", true, "public.example"));
        assertFalse(sameOriginOnly.allows("https://public.example", false, "public.example"));
        assertFalse(sameOriginOnly.allows("http://public.example", true, "public.example"));
        assertFalse(sameOriginOnly.allows("http://public.example:443", true, "public.example"));
    }

    /** Found by OriginPolicyProperties: "," split into no strings at all, and the first of none was out of bounds. */
    @Test
    void aHostHeaderOfCommasAloneNamesNoHost() {
        assertFalse(sameOriginOnly.allows("http://app.example:8080", false, ","));
        assertFalse(sameOriginOnly.allows("http://app.example", false, ",,"));
        assertFalse(sameOriginOnly.allows("http://app.example", false, ", "));
    }

    @Test
    void webSocketSchemesCountAsTheirHttpOnes() {
        assertTrue(sameOriginOnly.allows("wss://public.example", true, "public.example"));
        assertTrue(sameOriginOnly.allows("ws://public.example:8080", false, "public.example:8080"));
        assertFalse(sameOriginOnly.allows("ws://public.example", true, "public.example"));
    }

    @Test
    void onlyTheFirstOfSeveralHostsCounts() {
        assertTrue(sameOriginOnly.allows("https://public.example", true, "public.example, proxy.internal"));
        assertFalse(sameOriginOnly.allows("https://public.example", true, "proxy.internal, public.example"));
    }
}
