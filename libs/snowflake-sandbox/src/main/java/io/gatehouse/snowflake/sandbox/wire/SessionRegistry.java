package io.gatehouse.snowflake.sandbox.wire;

import io.gatehouse.snowflake.sandbox.engine.Session;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open sessions by token. Lives outside the HTTP server so that a stopped and restarted sandbox keeps them:
 * a driver connection opened before the stop works again after the restart.
 */
public final class SessionRegistry {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);

    public String newToken() {
        return "ST-" + UUID.randomUUID();
    }

    public long newId() {
        return ids.incrementAndGet();
    }

    public void add(Session session) {
        sessions.put(session.token(), session);
    }

    public Session find(String token) {
        return token == null ? null : sessions.get(token);
    }

    public void remove(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }
}
