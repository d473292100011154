package io.gatehouse.connector.persistence;

import io.gatehouse.connector.domain.Claim;
import io.gatehouse.connector.domain.ConnectorState;
import java.util.Map;

/**
 * A claimed row as the worker sees it, outside any transaction: {@code version} is what the lifecycle checks a result
 * against, {@code claimToken} what the fence checks ({@link StepClaims}).
 */
public record WorkItem(String requestId, String service, String groupId, String schemaName, Map<String, Object> config,
        ConnectorState state, String connectionId, boolean tablesDue, int attempts, long version, String claimToken) {

    public static WorkItem of(ConnectorRequest r, String claimToken) {
        return new WorkItem(r.requestId, r.service, r.groupId, r.schemaName, r.config, r.state, r.connectionId,
                r.tablesDue, r.attempts, r.version, claimToken);
    }

    public Claim claim() {
        return new Claim(state, version);
    }
}
