package io.gatehouse.events;

import java.util.List;
import java.util.Map;

/**
 * A platform team asked for a source. {@code config} holds only non-secret settings: credentials are
 * entered by the owner in the Connect Card, never here.
 */
public record ConnectorRequested(
        String requestId,
        String service,
        String groupId,
        String schemaName,
        Map<String, Object> config,
        Owner owner,
        String tableGroup,
        List<String> businesses) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
