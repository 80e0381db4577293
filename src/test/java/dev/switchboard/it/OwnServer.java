package dev.switchboard.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose deployment targets a server of its own (a container of arquillian.xml with settings of its own),
 * named as {@link ServerLog#ofServer} knows it: {@link CleanServerLog} reads that server's log. Without it, the
 * default server's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface OwnServer {
    String value();
}
