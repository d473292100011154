package io.gatehouse.connector.service;

import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.domain.OwnerLinks;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two signed links of a request's Connect Card, with the key shared with the webhook-receiver: the card's
 * {@code redirect_uri} (a state valid as long as the card) and the owner link handed out in ConnectCardIssued (valid
 * for {@code owner-link-ttl}, leading to whichever card is current). Startup fails when no owner link URL is known.
 */
@ApplicationScoped
public class ConnectCardLinks {

    private final ConnectorConfig config;
    private final RedirectState signer;
    private final OwnerLinks ownerLinks;

    ConnectCardLinks(ConnectorConfig config,
            @ConfigProperty(name = "gatehouse.connect-card.state-key") String stateKey) {
        this.config = config;
        this.signer = new RedirectState(stateKey);
        this.ownerLinks = OwnerLinks.of(config.openUrl(), config.returnUrl());
    }

    /** The card returns the owner to the webhook-receiver with a signed state binding the request. */
    public String redirectUri(String requestId) {
        String state = signer.sign(requestId, config.cardTtl());
        String separator = config.returnUrl().contains("?") ? "&" : "?";
        return config.returnUrl() + separator + "state=" + state;
    }

    /** Gatehouse's own link for the owner: {@code <open url>?token=<signed owner-link token>}. */
    public String ownerLink(String requestId) {
        return ownerLinks.link(signer.signOwnerLink(requestId, config.ownerLinkTtl()));
    }
}
