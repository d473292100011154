package io.gatehouse.fivetran.client.model;

import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /v1/connections}. {@code config} is service-specific (its {@code schema} or
 * {@code schema_prefix} names the destination schema for good); its values are never printed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateConnection(String groupId, String service, Boolean paused, Boolean runSetupTests,
                               Map<String, Object> config, ConnectCardConfig connectCardConfig) {

    /** The Connect Card way: paused, no setup tests (no credentials yet), the user comes back to redirectUri. */
    public static CreateConnection forConnectCard(String groupId, String service, String schema, String redirectUri) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schema", schema);
        return new CreateConnection(groupId, service, true, false, config, new ConnectCardConfig(redirectUri, true, null));
    }

    /** The destination schema this request names. */
    public String schema() {
        Object schema = config == null ? null : config.getOrDefault("schema", config.get("schema_prefix"));
        return schema == null ? null : schema.toString();
    }

    @Override
    public String toString() {
        return "CreateConnection[groupId=" + groupId + ", service=" + service + ", schema=" + schema()
                + ", paused=" + paused + ", configKeys=" + (config == null ? "[]" : config.keySet()) + "]";
    }
}
