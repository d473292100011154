package io.gatehouse.snowflake.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.engine.Result;
import io.gatehouse.snowflake.sandbox.engine.Session;
import io.gatehouse.snowflake.sandbox.login.LoginProof;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * The REST endpoints snowflake-jdbc calls (paths from the driver's SessionUtil/StmtUtil/SFSession): login,
 * query, session delete, heartbeat, token renewal and telemetry. Anything else is acknowledged so the driver
 * does not fail on a call the sandbox does not model.
 */
final class ProtocolHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ProtocolHandler.class.getName());

    private final Backend backend;
    private final SessionRegistry sessions;

    ProtocolHandler(Backend backend, SessionRegistry sessions) {
        this.backend = backend;
        this.sessions = sessions;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = readBody(exchange);
            Object answer;
            if (path.equals("/session/v1/login-request")) {
                answer = login(Json.read(body), query);
            } else if (path.equals("/queries/v1/query-request")) {
                answer = query(exchange, Json.read(body));
            } else if (path.equals("/session") && "true".equals(query.get("delete"))) {
                sessions.remove(token(exchange));
                answer = Json.ok(null);
            } else if (path.equals("/session/token-request")) {
                answer = renew(exchange, Json.read(body));
            } else if (path.startsWith("/monitoring/queries/")) {
                answer = Json.ok(Map.of("queries", List.of(Map.of("id", path.substring(path.lastIndexOf('/') + 1),
                        "status", "SUCCESS"))));
            } else {
                // heartbeat, telemetry (4.x sends it after the session delete, with the old token) and the rest.
                LOG.fine(() -> "acknowledged " + exchange.getRequestMethod() + " " + path);
                answer = Json.ok(Map.of());
            }
            send(exchange, Json.write(answer));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox request failed", e);
            send(exchange, Json.write(Json.queryFailed(new SqlException("000603", "XX000",
                    "SQL execution internal error: " + e), UUID.randomUUID().toString())));
        }
    }

    private Object login(JsonNode body, Map<String, String> query) {
        JsonNode data = body.path("data");
        String warehouse = query.get("warehouse");
        try {
            String token = sessions.newToken();
            Session session = backend.login(token, sessions.newId(), text(data, "LOGIN_NAME"), proof(data),
                    query.get("roleName"), query.get("databaseName"), query.get("schemaName"), warehouse);
            String master = sessions.add(session);
            return Json.loginOk(session, master, session.warehouse(), sessions.sessionValidity(),
                    sessions.masterValidity());
        } catch (SqlException e) {
            return Json.loginFailed(e);
        }
    }

    /**
     * {@code authenticator=SNOWFLAKE_JWT} makes the driver send AUTHENTICATOR "SNOWFLAKE_JWT" and the signed JWT as
     * TOKEN instead of PASSWORD (SessionUtil.newSession); the default authenticator sends PASSWORD.
     */
    private static LoginProof proof(JsonNode data) {
        if ("SNOWFLAKE_JWT".equalsIgnoreCase(text(data, "AUTHENTICATOR"))) {
            return LoginProof.keyPair(text(data, "TOKEN"), Clock.systemUTC());
        }
        return LoginProof.password(text(data, "PASSWORD"));
    }

    private Object query(HttpExchange exchange, JsonNode body) {
        String queryId = UUID.randomUUID().toString();
        Session session = sessions.find(token(exchange));
        if (session == null) {
            // 390112 makes the driver report an expired session rather than a communication error.
            return Json.queryFailed(new SqlException("390112", "08001",
                    "Your session has expired. Please login again."), queryId);
        }
        try {
            Result result = backend.execute(session, body.path("sqlText").asText(""), bindings(body.path("bindings")));
            return Json.queryOk(result, session, queryId);
        } catch (SqlException e) {
            return Json.queryFailed(e, queryId);
        }
    }

    /**
     * The driver renews an expired session token with its master token (in the Authorization header). A master token
     * that expired or that this account never issued (a restarted process) is refused with 390114: the driver gives
     * up and the caller must log in again, as with Snowflake.
     */
    private Object renew(HttpExchange exchange, JsonNode body) {
        String old = body.path("oldSessionToken").isTextual() ? body.path("oldSessionToken").asText() : null;
        return sessions.renew(token(exchange), old)
                .<Object>map(renewed -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("sessionToken", renewed);
                    data.put("validityInSecondsST", sessions.sessionValidity().toSeconds());
                    data.put("masterToken", token(exchange));
                    data.put("validityInSecondsMT", sessions.masterValidity().toSeconds());
                    return Json.ok(data);
                })
                .orElseGet(() -> Json.queryFailed(new SqlException("390114", "08001",
                        "Authentication token has expired.  The user must authenticate again."), UUID.randomUUID().toString()));
    }

    /** Positional binds {"1":{"type":"TEXT","value":"x"}, ...} in order of their index. */
    private static List<String> bindings(JsonNode node) {
        if (node == null || !node.isObject()) {
            return List.of();
        }
        TreeMap<Integer, String> ordered = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode value = f.getValue().path("value");
            ordered.put(Integer.parseInt(f.getKey()), value.isNull() ? null : value.isTextual() ? value.asText()
                    : value.toString());
        }
        return new ArrayList<>(ordered.values());
    }

    /** {@code Authorization: Snowflake Token="..."}. */
    private static String token(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return null;
        }
        int start = header.indexOf("Token=\"");
        if (start < 0) {
            return null;
        }
        int end = header.indexOf('"', start + 7);
        return end < 0 ? null : header.substring(start + 7, end);
    }

    private static String text(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The driver gzips query bodies ({@code Content-Encoding: gzip}); the login body is plain. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase().contains("gzip")) {
            in = new GZIPInputStream(in);
        }
        try (InputStream body = in) {
            return body.readAllBytes();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    private static void send(HttpExchange exchange, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
