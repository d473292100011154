package io.gatehouse.connector.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the owner link points: the webhook-receiver's {@code GET /connect-card/open?token=...}, which sends the
 * browser on to the request's current Connect Card (and has a fresh one issued when the last expired). Its URL is
 * configured, or derived from the return URL the cards redirect to ({@code .../connect-card/return} ->
 * {@code .../connect-card/open}), since the webhook-receiver serves both.
 */
public final class OwnerLinks {

    private final String openUrl;

    private OwnerLinks(String openUrl) {
        this.openUrl = openUrl;
    }

    /**
     * @param configuredOpenUrl the open URL when configured
     * @param returnUrl the Connect Card return URL; its last path segment must be {@code return} when no open URL is
     *        configured
     * @throws IllegalArgumentException when there is no open URL and none can be derived
     */
    public static OwnerLinks of(Optional<String> configuredOpenUrl, String returnUrl) {
        return new OwnerLinks(configuredOpenUrl.filter(url -> !url.isBlank()).orElseGet(() -> derive(returnUrl)));
    }

    /** The open URL links point to. */
    public String openUrl() {
        return openUrl;
    }

    /** The link carrying {@code token} (url-encoded). */
    public String link(String token) {
        String separator = openUrl.contains("?") ? "&" : "?";
        return openUrl + separator + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String derive(String returnUrl) {
        int query = returnUrl.indexOf('?');
        String path = query < 0 ? returnUrl : returnUrl.substring(0, query);
        String rest = query < 0 ? "" : returnUrl.substring(query);
        String stripped = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!stripped.endsWith("/return")) {
            throw new IllegalArgumentException("cannot derive the owner link URL from the return URL " + returnUrl
                    + " (its last path segment is not 'return'): set gatehouse.connector.open-url");
        }
        return stripped.substring(0, stripped.length() - "return".length()) + "open" + rest;
    }
}
