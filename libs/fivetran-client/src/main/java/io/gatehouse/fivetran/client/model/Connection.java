package io.gatehouse.fivetran.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The connection fields Gatehouse reads. {@code connectCard} is present on create/details when a card exists. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Connection(String id, String groupId, String service, String schema, Boolean paused, ConnectionStatus status,
                         ConnectCard connectCard, ConnectCardConfig connectCardConfig, String createdAt,
                         String succeededAt, String failedAt) {

    public boolean connected() { return status != null && "connected".equals(status.setupState()); }

    public String setupState() { return status == null ? null : status.setupState(); }

    public String syncState() { return status == null ? null : status.syncState(); }
}
