package dev.switchboard.api;

import dev.switchboard.config.SwitchboardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * Guards {@link Restricted} resource methods with bearer tokens from configuration:
 * <ul>
 *   <li>no token configured for any role the method allows: 403, whatever the request carries (never open)</li>
 *   <li>no Bearer credential, or an unknown token: 401 with {@code WWW-Authenticate: Bearer realm="switchboard"}</li>
 *   <li>a valid token whose role the method does not allow: 403</li>
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CredentialFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(CredentialFilter.class.getName());
    static final String REALM = "Bearer realm=\"switchboard\"";

    @Inject
    SwitchboardConfig config;

    @Context
    ResourceInfo resource;

    private BearerTokens tokens;

    @PostConstruct
    void init() {
        tokens = new BearerTokens(config.adminToken(), config.publishToken());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Restricted restricted = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Restricted.class);
        if (restricted == null) {
            return;
        }
        List<Role> allowed = Arrays.asList(restricted.value());
        if (allowed.stream().noneMatch(tokens::configured)) {
            request.abortWith(ApiErrors.of(403, "This endpoint is disabled: no token is configured for it ("
                    + (allowed.contains(Role.PUBLISHER) ? "SWITCHBOARD_ADMIN_TOKEN or SWITCHBOARD_PUBLISH_TOKEN" : "SWITCHBOARD_ADMIN_TOKEN") + ")"));
            return;
        }
        BearerTokens.Outcome outcome = tokens.identify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        switch (outcome) {
            case NO_CREDENTIAL -> request.abortWith(ApiErrors.builder(401, "A bearer token is required")
                    .header(HttpHeaders.WWW_AUTHENTICATE, REALM).build());
            case INVALID -> {
                LOG.fine(() -> "Refused an unknown bearer token for " + request.getUriInfo().getPath());
                request.abortWith(ApiErrors.builder(401, "The bearer token is not valid")
                        .header(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"").build());
            }
            case ADMIN, PUBLISHER -> {
                Role role = outcome == BearerTokens.Outcome.ADMIN ? Role.ADMIN : Role.PUBLISHER;
                if (!allowed.contains(role)) {
                    request.abortWith(ApiErrors.builder(403, "This token may not use this endpoint")
                            .header(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"").build());
                }
            }
        }
    }
}
