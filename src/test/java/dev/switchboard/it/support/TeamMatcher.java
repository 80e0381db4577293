package dev.switchboard.it.support;

import dev.switchboard.handler.Handshake;
import dev.switchboard.handler.NamespaceMatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

/** The parity suite's namespace function: "/team-N", for a client whose auth payload carries the team's token. */
@ApplicationScoped
public class TeamMatcher implements NamespaceMatcher {

    @Override
    public boolean matches(String namespace, Handshake handshake) {
        return namespace.matches("/team-\\d+") && handshake.auth().get("token") instanceof JsonString token
                && token.getString().equals("team");
    }
}
