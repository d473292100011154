package io.gatehouse.fivetran.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/** A thin view over the JDK exchange: decoded query/form, JSON in and out, and the status actually sent. */
public final class ApiExchange {
    private final HttpExchange exchange;
    private final IntConsumer beforeSend;
    private byte[] body;
    private int status;

    /** {@code beforeSend} sees the status before the client can: the request log is complete when the client reads it. */
    public ApiExchange(HttpExchange exchange, IntConsumer beforeSend) {
        this.exchange = exchange;
        this.beforeSend = beforeSend;
    }

    public String method() { return exchange.getRequestMethod(); }

    public String path() { return exchange.getRequestURI().getPath(); }

    public String rawQuery() { return exchange.getRequestURI().getRawQuery(); }

    public String header(String name) { return exchange.getRequestHeaders().getFirst(name); }

    public int status() { return status; }

    public Map<String, String> query() { return decodeForm(rawQuery()); }

    public byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
        }
        return body;
    }

    public Map<String, String> form() throws IOException {
        return decodeForm(new String(body(), StandardCharsets.UTF_8));
    }

    /** The JSON request body as an object; an empty body reads as {}. Malformed JSON is the client's fault. */
    public ObjectNode jsonBody() throws IOException {
        byte[] bytes = body();
        if (bytes.length == 0) return Json.object();
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode object) return object;
        } catch (IOException malformed) {
            // fall through: Fivetran answers 400 for a body it cannot read
        }
        throw ApiError.invalidInput("Request body is not a valid JSON object");
    }

    public void respondJson(int status, JsonNode json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        send(status, Json.MAPPER.writeValueAsBytes(json));
    }

    public void respondError(ApiError error) throws IOException {
        respondJson(error.status(), Json.error(error.code(), error.getMessage()));
    }

    public void respondHtml(int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        // Fivetran refuses to be framed; keep the same header so embedding mistakes show up locally too.
        exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
        send(status, html.getBytes(StandardCharsets.UTF_8));
    }

    public void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(303, new byte[0]);
    }

    public void setHeader(String name, String value) { exchange.getResponseHeaders().set(name, value); }

    private void send(int status, byte[] bytes) throws IOException {
        this.status = status;
        beforeSend.accept(status);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    static Map<String, String> decodeForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return values;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
