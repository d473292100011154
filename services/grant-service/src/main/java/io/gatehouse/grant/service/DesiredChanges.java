package io.gatehouse.grant.service;

import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.InvalidInputException;
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
import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an event or an admin decision into desired facts and names the roles it affects. Every name is
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

    DesiredChanges(FactStore facts, RoleRegistry registry, JobQueue jobs, GrantModel model, MeterRegistry meters,
                   Ledger ledger) {
        this.ledger = ledger;
        this.facts = facts;
        this.registry = registry;
        this.jobs = jobs;
        this.model = model;
        this.meters = meters;
        this.events = new EventChanges(facts, this::claim, this::stale);
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

    /** The platform team's decision: the group exists and is published in exactly these businesses. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change putTableGroup(String group, Collection<String> businesses) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(claim(new ManagedRole.Group(group)));
        for (String b : businesses) {
            roles.add(claim(new ManagedRole.Business(b)));
        }
        facts.declareGroup(group);
        for (String old : facts.businessesPublishing(group)) {
            if (!businesses.contains(old)) {
                facts.unpublish(group, old);
                roles.add(claim(new ManagedRole.Business(old)));
            }
        }
        businesses.forEach(b -> facts.publish(group, b));
        return new Change("table-group:" + group, null, roles);
    }

    /**
     * The business's warehouse (empty: none of its own). Re-plans its public role (USAGE) and, when it changed, every
     * member's user role (DEFAULT_WAREHOUSE may follow).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change businessWarehouse(String business, Optional<String> warehouse) {
        warehouse.ifPresent(w -> Identifier.validate("warehouse", w));
        Set<String> roles = new LinkedHashSet<>();
        roles.add(claim(new ManagedRole.Business(business)));
        if (facts.setWarehouse(business, warehouse)) {
            facts.membersOfBusiness(business).forEach(login -> roles.add(claim(new ManagedRole.User(login))));
        }
        return new Change("business:" + business, null, roles);
    }

    /** The schema is shared, managed-access, with exactly these members and this warehouse (empty: none). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change putSharedSchema(SchemaRef schema, Collection<String> members, Optional<String> warehouse) {
        warehouse.ifPresent(w -> Identifier.validate("warehouse", w));
        Set<String> roles = new LinkedHashSet<>();
        roles.add(claim(new ManagedRole.SharedSchema(schema.database(), schema.schema())));
        Set<String> wanted = new LinkedHashSet<>();
        for (String m : members) {
            wanted.add(RoleNames.login(m));
        }
        for (String login : wanted) {
            roles.add(claim(new ManagedRole.User(login)));
        }
        facts.declareSharedSchema(schema);
        if (facts.setWarehouse(schema, warehouse)) {
            // members staying may get another DEFAULT_WAREHOUSE; those joining or leaving are re-planned anyway
            facts.membersOf(schema).forEach(login -> roles.add(claim(new ManagedRole.User(login))));
        }
        for (String old : facts.membersOf(schema)) {
            if (!wanted.contains(old)) {
                facts.removeMember(schema, old);
                roles.add(claim(new ManagedRole.User(old)));
            }
        }
        for (String login : wanted) {
            facts.knowUser(login, null);
            facts.addMember(schema, login);
        }
        return new Change("shared-schema:" + schema.qualified(), null, roles);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change member(SchemaRef schema, String member, boolean add) {
        String login = RoleNames.login(member);
        String ssRole = claim(new ManagedRole.SharedSchema(schema.database(), schema.schema()));
        String userRole = claim(new ManagedRole.User(login));
        if (!facts.sharedSchemaKnown(schema)) {
            throw new InvalidInputException("shared schema " + schema.qualified() + " is not declared", List.of());
        }
        if (add) {
            facts.knowUser(login, null);
            facts.addMember(schema, login);
        } else {
            facts.removeMember(schema, login);
        }
        return new Change("shared-schema:" + schema.qualified(), login, new LinkedHashSet<>(List.of(ssRole, userRole)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change direct(String member, String group, boolean grant) {
        String login = RoleNames.login(member);
        String userRole = claim(new ManagedRole.User(login));
        String groupRole = claim(new ManagedRole.Group(group));
        if (grant) {
            facts.declareGroup(group);
            facts.knowUser(login, null);
            facts.grantDirect(login, group);
        } else {
            facts.revokeDirect(login, group);
        }
        return new Change("user:" + login, login, new LinkedHashSet<>(List.of(userRole, groupRole)));
    }

    /** The platform team's decision: exactly these users write to the group's tables (none: its write role goes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change putWriters(String group, Collection<String> logins) {
        requireGroup(group);
        Set<String> roles = new LinkedHashSet<>();
        roles.add(claim(new ManagedRole.GroupWrite(group)));
        Set<String> wanted = new LinkedHashSet<>();
        for (String l : logins) {
            wanted.add(RoleNames.login(l));
        }
        for (String login : wanted) {
            roles.add(claim(new ManagedRole.User(login)));
        }
        for (String old : facts.writersOf(group)) {
            if (!wanted.contains(old)) {
                facts.removeWriter(group, old);
                roles.add(claim(new ManagedRole.User(old)));
            }
        }
        for (String login : wanted) {
            facts.knowUser(login, null);
            facts.addWriter(group, login);
        }
        return new Change("table-group:" + group, null, roles);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change writer(String group, String member, boolean add) {
        requireGroup(group);
        String login = RoleNames.login(member);
        String writeRole = claim(new ManagedRole.GroupWrite(group));
        String userRole = claim(new ManagedRole.User(login));
        if (add) {
            facts.knowUser(login, null);
            facts.addWriter(group, login);
        } else {
            facts.removeWriter(group, login);
        }
        return new Change("table-group:" + group, login, new LinkedHashSet<>(List.of(writeRole, userRole)));
    }

    /**
     * The group is deleted: its read and write roles are revoked from every business and user role holding them, then
     * dropped; its catalogue facts go. A later TableAdded naming it declares it again, as for any new group.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change deleteGroup(String group) {
        requireGroup(group);
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

    private void requireGroup(String group) {
        if (!facts.groupKnown(group)) {
            throw new NotFoundException("no table group " + group + " declared");
        }
    }

    private String claim(ManagedRole role) {
        return registry.claim(model.names(), role);
    }
}
