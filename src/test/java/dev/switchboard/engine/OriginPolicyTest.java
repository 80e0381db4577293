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
        assertTrue(sameOriginOnly.allows(origin, host, null));
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
        assertFalse(sameOriginOnly.allows(origin, host, null));
    }

    @Test
    void refusesAnyOriginWhenTheHostIsUnknown() {
        assertFalse(sameOriginOnly.allows("http://app.example", null, null));
        assertFalse(sameOriginOnly.allows("http://app.example", " ", null));
    }

    @Test
    void allowsListedOriginsBesidesThePagesOwn() {
        assertTrue(withAllowlist.allows("http://allowed.example", "app.example", null));
        assertTrue(withAllowlist.allows("https://app.example:8443", "other.example", null));
        assertTrue(withAllowlist.allows("HTTP://Allowed.Example", "app.example", null));
        assertTrue(withAllowlist.allows("http://app.example", "app.example", null));
    }

    @Test
    void listedOriginMatchesOnSchemeHostAndPort() {
        assertFalse(withAllowlist.allows("https://allowed.example", "app.example", null));
        assertFalse(withAllowlist.allows("http://allowed.example:8080", "app.example", null));
        assertFalse(withAllowlist.allows("http://sub.allowed.example", "app.example", null));
        assertFalse(withAllowlist.allows("http://evil.example", "app.example", null));
    }

    @Test
    void starAllowsEveryOriginIncludingNull() {
        assertTrue(anyOrigin.allowsAnyOrigin());
        assertTrue(anyOrigin.allows("http://evil.example", "app.example", null));
        assertTrue(anyOrigin.allows("null", "app.example", null));
        assertFalse(withAllowlist.allowsAnyOrigin());
    }

    @Test
    void refusesNullOriginOfSandboxedAndFilePages() {
        assertFalse(sameOriginOnly.allows("null", "app.example", null));
        assertFalse(withAllowlist.allows("null", "null", null));
    }

    @Test
    void allowsRequestsWithoutOriginHeader() {
        // not from a browser page: native clients never send Origin, and hijacking needs a browser
        assertTrue(sameOriginOnly.allows(null, "app.example", null));
        assertTrue(sameOriginOnly.allows(null, null, null));
    }

    @Test
    void refusesOriginsThatAreNotUris() {
        assertFalse(sameOriginOnly.allows("app.example:8080", "app.example:8080", null));
        assertFalse(sameOriginOnly.allows("http://app example", "app.example", null));
        assertFalse(sameOriginOnly.allows("", "app.example", null));
    }

    @Test
    void allowsTheOriginAReverseProxyForwardedFor() {
        assertTrue(sameOriginOnly.allows("https://public.example", "127.0.0.1:8080", "public.example"));
        assertTrue(sameOriginOnly.allows("https://public.example", "127.0.0.1:8080", "public.example:443"));
        assertTrue(sameOriginOnly.allows("https://public.example", "127.0.0.1:8080", "public.example, proxy.internal"));
    }

    /** Found by OriginPolicyProperties: "," split into no strings at all, and the first of none was out of bounds. */
    @Test
    void aHostHeaderOfCommasAloneNamesNoHost() {
        assertFalse(sameOriginOnly.allows("http://app.example:8080", null, ","));
        assertFalse(sameOriginOnly.allows("http://app.example:8080", ",", null));
        assertFalse(sameOriginOnly.allows("http://app.example", ",,", ", "));
    }

    @Test
    void forwardedHostDoesNotAllowAnotherOrigin() {
        assertFalse(sameOriginOnly.allows("https://evil.example", "127.0.0.1:8080", "public.example"));
        assertFalse(sameOriginOnly.allows("https://public.example", "127.0.0.1:8080", "proxy.internal, public.example"));
        assertFalse(sameOriginOnly.allows("https://public.example", "127.0.0.1:8080", "public.example:8443"));
    }
}
