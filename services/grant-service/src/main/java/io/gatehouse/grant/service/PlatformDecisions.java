package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.SchemaRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the platform team decides through the API: table groups, their publication and writers, shared schemas and
 * their members, direct grants, the warehouses of businesses and shared schemas, and deleting table groups, shared
 * schemas and businesses. Each decision stores its facts and queues its apply job in one transaction, named by a
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

    /** Stores the decision's facts and queues its apply job. */
    @Transactional
    public Queued decide(Decision decision) {
        return queue(decision.type, changes.decide(decision));
    }

    @Transactional
    public Queued putTableGroup(String group, Collection<String> businesses) {
        return decide(Decision.putTableGroup(group, businesses));
    }

    @Transactional
    public Queued putSharedSchema(SchemaRef schema, Collection<String> members, Optional<String> warehouse) {
        return decide(Decision.putSharedSchema(schema, members, warehouse));
    }

    /** The business's warehouse, or (empty) none of its own. */
    @Transactional
    public Queued businessWarehouse(String business, Optional<String> warehouse) {
        return decide(Decision.businessWarehouse(business, warehouse));
    }

    @Transactional
    public Queued addMember(SchemaRef schema, String login) {
        return decide(Decision.addMember(schema, login));
    }

    @Transactional
    public Queued removeMember(SchemaRef schema, String login) {
        return decide(Decision.removeMember(schema, login));
    }

    @Transactional
    public Queued grantDirect(String login, String group) {
        return decide(Decision.grantDirect(login, group));
    }

    @Transactional
    public Queued revokeDirect(String login, String group) {
        return decide(Decision.revokeDirect(login, group));
    }

    @Transactional
    public Queued putWriters(String group, Collection<String> logins) {
        return decide(Decision.putWriters(group, logins));
    }

    @Transactional
    public Queued addWriter(String group, String login) {
        return decide(Decision.addWriter(group, login));
    }

    @Transactional
    public Queued removeWriter(String group, String login) {
        return decide(Decision.removeWriter(group, login));
    }

    @Transactional
    public Queued deleteTableGroup(String group) {
        return queue("TableGroupDeleted", changes.deleteGroup(group));
    }

    @Transactional
    public Queued deleteSharedSchema(SchemaRef schema, boolean dropSchema) {
        return queue("SharedSchemaDeleted", changes.deleteSharedSchema(schema, dropSchema));
    }

    @Transactional
    public Queued retireBusiness(String business) {
        return queue("BusinessDeleted", changes.retireBusiness(business));
    }

    private Queued queue(String type, DesiredChanges.Change change) {
        String id = UUID.randomUUID().toString();
        changes.enqueue(change, id, type);
        return new Queued(id, change.roles());
    }
}
