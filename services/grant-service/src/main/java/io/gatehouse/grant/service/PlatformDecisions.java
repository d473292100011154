package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.SchemaRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the platform team decides through the API: table groups and their publication, shared schemas and their
 * members, direct grants, the warehouses of businesses and shared schemas. Each decision stores its facts and queues its apply job in one transaction, named by a
 * fresh change id that stands in for an event id in the job and the audit log.
 */
@ApplicationScoped
public class PlatformDecisions {

    /** The apply job a decision queued: its change id (GET /audit?event=...) and the roles it re-plans. */
    public record Queued(String changeId, Set<String> roles) {
    }

    private final DesiredChanges changes;

    PlatformDecisions(DesiredChanges changes) {
        this.changes = changes;
    }

    @Transactional
    public Queued putTableGroup(String group, Collection<String> businesses) {
        return queue("PutTableGroup", changes.putTableGroup(group, businesses));
    }

    @Transactional
    public Queued putSharedSchema(SchemaRef schema, Collection<String> members, Optional<String> warehouse) {
        return queue("PutSharedSchema", changes.putSharedSchema(schema, members, warehouse));
    }

    /** The business's warehouse, or (empty) none of its own. */
    @Transactional
    public Queued businessWarehouse(String business, Optional<String> warehouse) {
        return queue(warehouse.isPresent() ? "BusinessWarehouseSet" : "BusinessWarehouseRemoved",
                changes.businessWarehouse(business, warehouse));
    }

    @Transactional
    public Queued addMember(SchemaRef schema, String login) {
        return queue("SharedSchemaMemberAdded", changes.member(schema, login, true));
    }

    @Transactional
    public Queued removeMember(SchemaRef schema, String login) {
        return queue("SharedSchemaMemberRemoved", changes.member(schema, login, false));
    }

    @Transactional
    public Queued grantDirect(String login, String group) {
        return queue("DirectGrantAdded", changes.direct(login, group, true));
    }

    @Transactional
    public Queued revokeDirect(String login, String group) {
        return queue("DirectGrantRemoved", changes.direct(login, group, false));
    }

    private Queued queue(String type, DesiredChanges.Change change) {
        String id = UUID.randomUUID().toString();
        changes.enqueue(change, id, type);
        return new Queued(id, change.roles());
    }
}
