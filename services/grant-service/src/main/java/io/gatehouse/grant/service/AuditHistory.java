package io.gatehouse.grant.service;

import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;

/** The statements Gatehouse ran against Snowflake, as operators search them. */
@ApplicationScoped
public class AuditHistory {

    /** No answer lists more entries than this, whatever the caller asks for. */
    static final int MAX_ENTRIES = 1000;

    private final AuditLog audit;

    AuditHistory(AuditLog audit) {
        this.audit = audit;
    }

    /** Newest first; {@code user} is a login in any case (Gatehouse keys logins upper case). */
    @Transactional
    public List<AuditEntry> find(String user, String role, String eventId, Long beforeId, int limit) {
        String login = user == null ? null : user.toUpperCase(Locale.ROOT);
        return audit.find(login, role, eventId, beforeId, Math.min(limit, MAX_ENTRIES));
    }
}
