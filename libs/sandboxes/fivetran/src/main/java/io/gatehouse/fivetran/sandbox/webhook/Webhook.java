package io.gatehouse.fivetran.sandbox.webhook;

import java.time.Instant;
import java.util.List;

/** A registered account or group webhook. The secret stays here; the API only ever shows "******". */
public record Webhook(String id, String type, String groupId, String url, List<String> events, boolean active,
                      String secret, Instant createdAt) {

    /** Whether this webhook wants the event for a connection in the given group. */
    public boolean wants(String event, String connectionGroup) {
        return active && events.contains(event) && ("account".equals(type) || connectionGroup.equals(groupId));
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", type=" + type + ", groupId=" + groupId + ", url=" + url + ", events=" + events + "]";
    }
}
