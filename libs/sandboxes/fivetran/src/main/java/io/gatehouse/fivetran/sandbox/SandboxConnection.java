package io.gatehouse.fivetran.sandbox;

import java.util.Map;

/** A read-only snapshot of one sandbox connection, for assertions in tests. */
public record SandboxConnection(String id, String groupId, String service, String schema, boolean paused,
                                String setupState, String syncState, String redirectUri, String connectCardUri,
                                Map<String, Map<String, String>> tablesBySchema) {}
