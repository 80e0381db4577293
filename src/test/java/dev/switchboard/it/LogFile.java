package dev.switchboard.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The log file {@link CleanServerLog} reads for a test class whose deployment targets a container of its own: the
 * name that container's {@code --logtofile} gives in arquillian.xml. Without it, the default container's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface LogFile {
    String value();
}
