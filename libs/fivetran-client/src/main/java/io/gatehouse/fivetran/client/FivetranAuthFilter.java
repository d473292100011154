package io.gatehouse.fivetran.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Adds Fivetran's Basic credentials and the v2 Accept header to every request. */
final class FivetranAuthFilter implements ClientRequestFilter {
    static final String ACCEPT = "application/json;version=2";

    private final String authorization;

    FivetranAuthFilter(String apiKey, String apiSecret) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle("Authorization", authorization);
        request.getHeaders().putSingle("Accept", ACCEPT);
    }

    @Override
    public String toString() {
        return "FivetranAuthFilter[Basic ******]";
    }
}
