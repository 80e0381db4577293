package dev.switchboard.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the validated configuration injectable. Reading happens once, at the first injection. */
@ApplicationScoped
public class ConfigProducer {

    @Produces
    @Singleton
    SwitchboardConfig config() {
        return SettingsReader.fromProcess().read();
    }
}
