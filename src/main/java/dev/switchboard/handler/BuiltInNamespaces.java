package dev.switchboard.handler;

import java.util.Map;

/**
 * Namespaces the server serves itself, besides the application's {@link Namespace} beans: the Admin UI's, when it is
 * switched on. A CDI bean; {@link HandlerRegistry} adds what each one gives, and refuses a name an application bean
 * serves too.
 */
public interface BuiltInNamespaces {

    /** Namespace name → its handler; empty when switched off. */
    Map<String, NamespaceHandler> namespaces();
}
