package dev.switchboard.handler;

import java.util.regex.Pattern;

/**
 * The handler of every namespace whose name matches a {@link Namespace#pattern}.
 *
 * @param removeWhenEmpty whether such a namespace goes when its last client leaves ({@link Namespace#removeWhenEmpty})
 */
public record NamespacePattern(Pattern pattern, NamespaceHandler handler, boolean removeWhenEmpty) {

    /** Whether the whole name matches. */
    public boolean matches(String namespace) {
        return pattern.matcher(namespace).matches();
    }
}
