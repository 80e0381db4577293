package dev.switchboard.config;

/** A setting has a value Switchboard cannot run with; the message names the setting. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
