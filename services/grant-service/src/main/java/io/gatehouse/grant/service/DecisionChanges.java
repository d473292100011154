package io.gatehouse.grant.service;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.errors.NotFoundException;
import io.gatehouse.grant.domain.ChangeableFacts;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.RoleNames;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What each platform decision (a table group's publication, writers, shared schemas and their members, direct grants,
 * a business's warehouse) changes in the facts and which roles it touches: the one statement of these rules, run by
 * {@link DesiredChanges} on the database and by a dry run on an in-memory overlay ({@link PlanPreview}). Role names
 * come through {@code names} (the decision registers them, a dry run only checks them), so a name Gatehouse cannot
 * represent refuses both alike. The deletions stay in {@link DesiredChanges}: they have no dry run.
 */
final class DecisionChanges {

    private final ChangeableFacts facts;
    private final Function<ManagedRole, String> names;

    DecisionChanges(ChangeableFacts facts, Function<ManagedRole, String> names) {
        this.facts = facts;
        this.names = names;
    }

    /** The group exists and is published in exactly these businesses. */
    DesiredChanges.Change putTableGroup(String group, Collection<String> businesses) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(names.apply(new ManagedRole.Group(group)));
        for (String b : businesses) {
            roles.add(names.apply(new ManagedRole.Business(b)));
        }
        facts.declareGroup(group);
        for (String old : facts.businessesPublishing(group)) {
            if (!businesses.contains(old)) {
                facts.unpublish(group, old);
                roles.add(names.apply(new ManagedRole.Business(old)));
            }
        }
        businesses.forEach(b -> facts.publish(group, b));
        return new DesiredChanges.Change("table-group:" + group, null, roles);
    }

    /**
     * The business's warehouse (empty: none of its own). Re-plans its public role (USAGE) and, when it changed, every
     * member's user role (DEFAULT_WAREHOUSE may follow).
     */
    DesiredChanges.Change businessWarehouse(String business, Optional<String> warehouse) {
        warehouse.ifPresent(w -> Identifier.validate("warehouse", w));
        Set<String> roles = new LinkedHashSet<>();
        roles.add(names.apply(new ManagedRole.Business(business)));
        if (facts.setWarehouse(business, warehouse)) {
            facts.membersOfBusiness(business).forEach(login -> roles.add(names.apply(new ManagedRole.User(login))));
        }
        return new DesiredChanges.Change("business:" + business, null, roles);
    }

    /** The schema is shared, managed-access, with exactly these members and this warehouse (empty: none). */
    DesiredChanges.Change putSharedSchema(SchemaRef schema, Collection<String> members, Optional<String> warehouse) {
        warehouse.ifPresent(w -> Identifier.validate("warehouse", w));
        Set<String> roles = new LinkedHashSet<>();
        roles.add(names.apply(new ManagedRole.SharedSchema(schema.database(), schema.schema())));
        Set<String> wanted = logins(members);
        for (String login : wanted) {
            roles.add(names.apply(new ManagedRole.User(login)));
        }
        facts.declareSharedSchema(schema);
        if (facts.setWarehouse(schema, warehouse)) {
            // members staying may get another DEFAULT_WAREHOUSE; those joining or leaving are re-planned anyway
            facts.membersOf(schema).forEach(login -> roles.add(names.apply(new ManagedRole.User(login))));
        }
        for (String old : facts.membersOf(schema)) {
            if (!wanted.contains(old)) {
                facts.removeMember(schema, old);
                roles.add(names.apply(new ManagedRole.User(old)));
            }
        }
        for (String login : wanted) {
            facts.knowUser(login, null);
            facts.addMember(schema, login);
        }
        return new DesiredChanges.Change("shared-schema:" + schema.qualified(), null, roles);
    }

    DesiredChanges.Change member(SchemaRef schema, String member, boolean add) {
        String login = RoleNames.login(member);
        String ssRole = names.apply(new ManagedRole.SharedSchema(schema.database(), schema.schema()));
        String userRole = names.apply(new ManagedRole.User(login));
        if (!facts.sharedSchemaKnown(schema)) {
            throw new InvalidInputException("shared schema " + schema.qualified() + " is not declared", List.of());
        }
        if (add) {
            facts.knowUser(login, null);
            facts.addMember(schema, login);
        } else {
            facts.removeMember(schema, login);
        }
        return new DesiredChanges.Change("shared-schema:" + schema.qualified(), login,
                new LinkedHashSet<>(List.of(ssRole, userRole)));
    }

    DesiredChanges.Change direct(String member, String group, boolean grant) {
        String login = RoleNames.login(member);
        String userRole = names.apply(new ManagedRole.User(login));
        String groupRole = names.apply(new ManagedRole.Group(group));
        if (grant) {
            facts.declareGroup(group);
            facts.knowUser(login, null);
            facts.grantDirect(login, group);
        } else {
            facts.revokeDirect(login, group);
        }
        return new DesiredChanges.Change("user:" + login, login, new LinkedHashSet<>(List.of(userRole, groupRole)));
    }

    /** Exactly these users write to the group's tables (none: its write role goes). */
    DesiredChanges.Change putWriters(String group, Collection<String> members) {
        requireGroup(group);
        Set<String> roles = new LinkedHashSet<>();
        roles.add(names.apply(new ManagedRole.GroupWrite(group)));
        Set<String> wanted = logins(members);
        for (String login : wanted) {
            roles.add(names.apply(new ManagedRole.User(login)));
        }
        for (String old : facts.writersOf(group)) {
            if (!wanted.contains(old)) {
                facts.removeWriter(group, old);
                roles.add(names.apply(new ManagedRole.User(old)));
            }
        }
        for (String login : wanted) {
            facts.knowUser(login, null);
            facts.addWriter(group, login);
        }
        return new DesiredChanges.Change("table-group:" + group, null, roles);
    }

    DesiredChanges.Change writer(String group, String member, boolean add) {
        requireGroup(group);
        String login = RoleNames.login(member);
        String writeRole = names.apply(new ManagedRole.GroupWrite(group));
        String userRole = names.apply(new ManagedRole.User(login));
        if (add) {
            facts.knowUser(login, null);
            facts.addWriter(group, login);
        } else {
            facts.removeWriter(group, login);
        }
        return new DesiredChanges.Change("table-group:" + group, login,
                new LinkedHashSet<>(List.of(writeRole, userRole)));
    }

    /** A 404 unless the group is declared (a decision on its writers or its deletion needs it). */
    void requireGroup(String group) {
        if (!facts.groupKnown(group)) {
            throw new NotFoundException("no table group " + group + " declared");
        }
    }

    private static Set<String> logins(Collection<String> members) {
        Set<String> logins = new LinkedHashSet<>();
        for (String m : members) {
            logins.add(RoleNames.login(m));
        }
        return logins;
    }
}
