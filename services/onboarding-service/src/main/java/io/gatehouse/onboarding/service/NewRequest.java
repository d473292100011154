package io.gatehouse.onboarding.service;

import java.util.List;
import java.util.Map;

/** A source the platform team asks for, as the use case takes it: already checked, free of HTTP. */
public record NewRequest(String service, String groupId, String schemaName, Map<String, Object> config,
        String ownerName, String ownerEmail, String tableGroup, List<String> businesses) {
}
