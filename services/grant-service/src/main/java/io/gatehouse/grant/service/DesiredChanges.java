package io.gatehouse.grant.service;

import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.NotFoundException;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.TableRemoved;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.persistence.RoleRegistry;
import io.gatehouse.naming.InvalidNameException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns an event or an admin decision into desired facts and names the roles it affects (the rules:
 * {@link EventChanges} and {@link DecisionChanges}; the deletions, which have no preview, here). Every name is
 * validated and registered first, so a name Gatehouse cannot represent refuses the change before anything is
 * stored ({@link InvalidNameException}: the consumer's record goes to the DLQ, the REST caller gets a 400).
 * Membership changes are ordered by their event time per (user, business), so a late or replayed one is ignored.
 */
@ApplicationScoped
public class DesiredChanges {

    /** What a change touched: the ordering key of its apply job, the user it concerns, the roles to re-plan. */
    public record Change(String key, String login, Set<String> roles) {
    }

    private final FactStore facts;
    private final RoleRegistry registry;
    private final JobQueue jobs;
    private final GrantModel model;
    private final MeterRegistry meters;
    private final Ledger ledger;
    private final EventChanges events;
    private final DecisionChanges decisions;

    DesiredChanges(FactStore facts, RoleRegistry registry, JobQueue jobs, GrantModel model, MeterRegistry meters,
                   Ledger ledger) {
        this.ledger = ledger;
        this.facts = facts;
        this.registry = registry;
        this.jobs = jobs;
        this.model = model;
        this.meters = meters;
        this.events = new EventChanges(facts, this::claim, this::stale);
        this.decisions = new DecisionChanges(facts, this::claim);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Change change, String eventId, String eventType) {
        jobs.enqueue(change.key(), eventId, eventType, change.login(), change.roles());
    }

    /** The user joined the business at event time {@code at}; an event older than the pair's last change is stale. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change userJoined(UserJoinedBusiness e, Instant at) {
        return events.userJoined(e, at);
    }

    /** The user left the business at event time {@code at}; an event older than the pair's last change is stale. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change userLeft(UserLeftBusiness e, Instant at) {
        return events.userLeft(e, at);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change tableAdded(TableAdded e) {
        return events.tableAdded(e);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change tableRemoved(TableRemoved e) {
        return events.tableRemoved(e);
    }

    /**
     * A stale membership event changes nothing and queues no job (a replayed join after a leave must never grant
     * again); it is counted and logged.
     */
    private void stale(GatehouseEvent e, String login, String business, Instant at, Instant later) {
        meters.counter("gatehouse.grant.events.stale", "type", e.eventType().ceType()).increment();
        Log.infof("stale %s of %s in %s ignored: event time %s, a change at %s is already applied",
                e.eventType().eventName(), login, business, at, later);
    }

    /** Stores what the platform team decided (by the rules of {@link DecisionChanges}); names the roles it touches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change decide(Decision decision) {
        return decision.rule.apply(decisions);
    }

    /**
     * The group is deleted: its read and write roles are revoked from every business and user role holding them, then
     * dropped; its catalogue facts go. A later TableAdded naming it declares it again, as for any new group.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change deleteGroup(String group) {
        decisions.requireGroup(group);
        Set<String> roles = new LinkedHashSet<>();
        for (String b : facts.businessesPublishing(group)) {
            roles.add(claim(new ManagedRole.Business(b)));
        }
        Set<String> users = new LinkedHashSet<>(facts.directHoldersOf(group));
        users.addAll(facts.writersOf(group));
        users.forEach(login -> roles.add(claim(new ManagedRole.User(login))));
        registry.registered(model.names(), new ManagedRole.GroupWrite(group)).ifPresent(roles::add);
        roles.add(claim(new ManagedRole.Group(group)));
        facts.deleteGroup(group);
        return new Change("table-group:" + group, null, roles);
    }

    /** The shared schema is deleted: its role is revoked from the members' user roles and dropped, the schema kept unless asked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change deleteSharedSchema(SchemaRef schema, boolean dropSchema) {
        if (!facts.sharedSchemaKnown(schema)) {
            throw new NotFoundException("no shared schema " + schema.qualified() + " declared");
        }
        String ssRole = claim(new ManagedRole.SharedSchema(schema.database(), schema.schema()));
        if (dropSchema && !ledger.of(ssRole).contains(new Grant.ManagedSchema(schema.database(), schema.schema()))) {
            throw new ConflictException("Gatehouse has not created schema " + schema.qualified()
                    + " (no CREATE SCHEMA of it in the ledger), so it does not drop it; delete without dropSchema");
        }
        Set<String> roles = new LinkedHashSet<>();
        facts.membersOf(schema).forEach(login -> roles.add(claim(new ManagedRole.User(login))));
        roles.add(ssRole);
        facts.deleteSharedSchema(schema, dropSchema);
        return new Change("shared-schema:" + schema.qualified(), null, roles);
    }

    /** The business is retired: every membership ends now, its publications go, its public role is revoked and dropped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change retireBusiness(String business) {
        if (!facts.businessKnown(business)) {
            throw new NotFoundException("no business " + business + " known to Gatehouse");
        }
        Set<String> roles = new LinkedHashSet<>();
        facts.membersOfBusiness(business).forEach(login -> roles.add(claim(new ManagedRole.User(login))));
        roles.add(claim(new ManagedRole.Business(business)));
        facts.retireBusiness(business, Instant.now());
        return new Change("business:" + business, null, roles);
    }

    private String claim(ManagedRole role) {
        return registry.claim(model.names(), role);
    }
}
