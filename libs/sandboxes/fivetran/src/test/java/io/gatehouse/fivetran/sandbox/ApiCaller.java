package io.gatehouse.fivetran.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A minimal raw HTTP caller for the sandbox's API, so these tests do not depend on the Gatehouse client. */
final class ApiCaller {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        JsonNode data() { return body.path("data"); }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String authorization;

    ApiCaller(FivetranSandbox sandbox) {
        this(sandbox.baseUrl(), sandbox.settings().apiKey(), sandbox.settings().apiSecret());
    }

    ApiCaller(String baseUrl, String key, String secret) {
        this.baseUrl = baseUrl;
        this.authorization = key == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path) { return call("GET", path, null); }

    Reply post(String path, String json) { return call("POST", path, json); }

    Reply patch(String path, String json) { return call("PATCH", path, json); }

    Reply call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json;version=2")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) request.header("Content-Type", "application/json");
        if (authorization != null) request.header("Authorization", authorization);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a paused Connect Card connection the way Gatehouse does and returns the response data. */
    JsonNode createCardConnection(String group, String service, String schema, String redirectUri) {
        Reply reply = post("/v1/connections", """
                {"group_id":"%s","service":"%s","paused":true,"run_setup_tests":false,
                 "config":{"schema":"%s"},
                 "connect_card_config":{"redirect_uri":"%s","hide_setup_guide":true}}
                """.formatted(group, service, schema, redirectUri));
        if (reply.status() != 201) throw new IllegalStateException("create failed: " + reply.body());
        return reply.data();
    }
}
