package dev.switchboard.api;

import dev.switchboard.config.Setting;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /api/info}: what this server is and how it is configured: {@code config} with the typed values the
 * console reads, and {@code settings} with every setting's names and effective value. Secrets show as "****"
 * when set and "" when not: whether a token is configured is no secret, the token is.
 */
@Path("info")
public class InfoResource {

    @Inject
    SwitchboardConfig config;

    @Inject
    SocketServer sockets;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject info() {
        JsonArrayBuilder origins = Json.createArrayBuilder();
        config.allowedOrigins().forEach(origins::add);
        JsonArrayBuilder namespaces = Json.createArrayBuilder();
        sockets.namespaces().forEach(namespaces::add);
        return Json.createObjectBuilder()
                .add("name", "switchboard")
                .add("version", version())
                .add("protocol", Json.createObjectBuilder().add("engineio", 4).add("socketio", 5))
                .add("namespaces", namespaces)
                .add("config", Json.createObjectBuilder()
                        .add("pingInterval", config.pingInterval())
                        .add("pingTimeout", config.pingTimeout())
                        .add("maxPayload", config.maxPayload())
                        .add("connectTimeout", config.connectTimeout())
                        .add("upgradeTimeout", config.upgradeTimeout())
                        .add("allowedOrigins", origins)
                        .add("maxAttachments", config.maxAttachments())
                        .add("websocket", config.webSocket().value())
                        .add("handleOnReadThread", config.handleOnReadThread())
                        .add("workerThreads", config.workerThreads())
                        .add("maxConnections", config.maxConnections())
                        .add("maxPollsInFlight", config.maxPollsInFlight())
                        .add("maxPacketRate", config.maxPacketRate())
                        .add("packetBurst", config.packetBurst())
                        .add("maxBufferedBytes", config.maxBufferedBytes())
                        .add("adminToken", masked(config.adminToken()))
                        .add("publishToken", masked(config.publishToken())))
                .add("settings", settings())
                .build();
    }

    private JsonArrayBuilder settings() {
        JsonArrayBuilder settings = Json.createArrayBuilder();
        for (Setting setting : Setting.values()) {
            String value = config.value(setting);
            settings.add(Json.createObjectBuilder()
                    .add("name", setting.property())
                    .add("environmentVariable", setting.environmentVariable())
                    .add("systemProperty", setting.systemProperty())
                    .add("value", setting.secret() ? masked(value) : value)
                    .add("default", setting.defaultValue())
                    .add("description", setting.description()));
        }
        return settings;
    }

    static String masked(String secret) {
        return secret.isEmpty() ? "" : "****";
    }

    static String version() {
        try (InputStream in = InfoResource.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
