package dev.switchboard.engine.transport;

import dev.switchboard.config.SettingsReader;
import dev.switchboard.config.WebSocketImplementation;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@code @ServerEndpoint}s the container deploys: {@link WebSocketEndpoint} only with the setting
 * {@code websocket=container}; by default {@link WebSocketUpgradeFilter} serves {@code /socket.io/} itself. Other
 * endpoints an application adds are deployed as they are. The container calls this before CDI starts, so the
 * setting is read here directly, from the same sources.
 */
public class WebSocketEndpoints implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        boolean containerWebSocket = SettingsReader.fromProcess().webSocket() == WebSocketImplementation.CONTAINER;
        return scanned.stream()
                .filter(endpoint -> containerWebSocket || endpoint != WebSocketEndpoint.class)
                .collect(Collectors.toSet());
    }
}
