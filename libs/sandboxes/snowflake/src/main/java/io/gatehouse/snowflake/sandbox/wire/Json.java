package io.gatehouse.snowflake.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.engine.Column;
import io.gatehouse.snowflake.sandbox.engine.Result;
import io.gatehouse.snowflake.sandbox.engine.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies snowflake-jdbc expects (shapes measured in research/snowflake-jdbc-wire.md): every answer is
 * HTTP 200 with {@code success}, {@code code}, {@code message} and {@code data}, because the driver never reads
 * the body of a non-200 response.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SERVER_VERSION = "9.99.0";

    private Json() {
    }

    static JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> ok(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("code", null);
        body.put("message", null);
        body.put("success", true);
        return body;
    }

    /** AUTOCOMMIT is mandatory (the driver NPEs without it); telemetry and keep-alive are switched off. */
    static Map<String, Object> loginOk(Session s, String masterToken, String warehouse, java.time.Duration validity,
                                       java.time.Duration masterValidity) {
        Map<String, Object> sessionInfo = new LinkedHashMap<>();
        sessionInfo.put("databaseName", s.database());
        sessionInfo.put("schemaName", s.schema());
        sessionInfo.put("warehouseName", warehouse);
        sessionInfo.put("roleName", s.role());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("masterToken", masterToken);
        data.put("token", s.token());
        data.put("validityInSeconds", validity.toSeconds());
        data.put("masterValidityInSeconds", masterValidity.toSeconds());
        data.put("displayUserName", s.user());
        data.put("serverVersion", SERVER_VERSION);
        data.put("firstLogin", false);
        data.put("healthCheckInterval", 45);
        data.put("sessionId", s.id());
        data.put("parameters", List.of(param("AUTOCOMMIT", true), param("CLIENT_TELEMETRY_ENABLED", false),
                param("CLIENT_SESSION_KEEP_ALIVE", false), param("TIMEZONE", "UTC")));
        data.put("sessionInfo", sessionInfo);
        return ok(data);
    }

    static Map<String, Object> loginFailed(SqlException e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nextAction", "RETRY_LOGIN");
        data.put("authnMethod", "USERNAME_PASSWORD");
        return failure(data, e.code(), e.getMessage());
    }

    static Map<String, Object> queryOk(Result r, Session s, String queryId) {
        List<Map<String, Object>> rowtype = new ArrayList<>();
        for (Column c : r.columns()) {
            rowtype.add(column(c));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("parameters", List.of(param("TIMEZONE", "UTC")));
        data.put("rowtype", rowtype);
        data.put("rowset", r.rows());
        data.put("total", r.rows().size());
        data.put("returned", r.rows().size());
        data.put("queryId", queryId);
        data.put("finalDatabaseName", s.database());
        data.put("finalSchemaName", s.schema());
        data.put("finalWarehouseName", s.warehouse());
        data.put("finalRoleName", s.role());
        data.put("numberOfBinds", 0);
        data.put("statementTypeId", r.statementTypeId());
        data.put("version", 1);
        data.put("queryResultFormat", "json");
        return ok(data);
    }

    /** A SQL error: the driver takes the vendor code and SQLState from data.errorCode / data.sqlState. */
    static Map<String, Object> queryFailed(SqlException e, String queryId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("errorCode", e.code());
        data.put("sqlState", e.sqlState());
        data.put("queryId", queryId);
        return failure(data, e.code(), e.getMessage());
    }

    private static Map<String, Object> failure(Object data, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("code", code);
        body.put("message", message);
        body.put("success", false);
        return body;
    }

    private static Map<String, Object> column(Column c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("database", c.database());
        m.put("schema", c.schema());
        m.put("table", c.table());
        m.put("type", c.type());
        m.put("nullable", c.nullable());
        m.put("precision", c.precision());
        m.put("scale", c.scale());
        m.put("length", c.length());
        m.put("byteLength", c.byteLength());
        m.put("collation", null);
        return m;
    }

    private static Map<String, Object> param(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        return m;
    }
}
