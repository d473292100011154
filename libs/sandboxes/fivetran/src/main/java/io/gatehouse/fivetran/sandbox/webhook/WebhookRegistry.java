package io.gatehouse.fivetran.sandbox.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registered webhooks by id. */
public final class WebhookRegistry {
    private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();

    public void add(Webhook webhook) { webhooks.put(webhook.id(), webhook); }

    public Webhook find(String id) { return webhooks.get(id); }

    public Webhook remove(String id) { return webhooks.remove(id); }

    public List<Webhook> all() {
        return webhooks.values().stream().sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
    }

    public void clear() { webhooks.clear(); }
}
