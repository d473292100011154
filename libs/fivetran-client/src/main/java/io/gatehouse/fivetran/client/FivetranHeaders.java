package io.gatehouse.fivetran.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Fivetran's Basic credentials and the v2 Accept header on every request of the configured client. */
@ApplicationScoped
public class FivetranHeaders implements ClientHeadersFactory {
    static final String ACCEPT = "application/json;version=2";

    private final String authorization;

    FivetranHeaders(FivetranConfig config) {
        this.authorization = basic(config.apiKey(), config.apiSecret());
    }

    static String basic(String apiKey, String apiSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", authorization);
        headers.putSingle("Accept", ACCEPT);
        return headers;
    }

    @Override
    public String toString() {
        return "FivetranHeaders[Basic ******]";
    }
}
