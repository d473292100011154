package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.ChangeableFacts;
import io.gatehouse.grant.domain.EventOrder;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.grant.persistence.FactStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service's facts with a preview's changes laid over them in memory: reads see the database as changed by the
 * previewed events or decision, writes never reach it. Nothing is locked or written, so a preview cannot stall a
 * consumer. Every fact {@link ChangeableFacts} can change is overlaid; the catalogue's other reads are read through.
 */
final class PreviewFacts implements ChangeableFacts {

    private record Pair(String login, String business) {
    }

    private record MembershipChange(boolean member, Instant at) {
    }

    private static final Comparator<TableRef> TABLE_ORDER = Comparator.comparing(TableRef::database)
            .thenComparing(TableRef::schema).thenComparing(TableRef::table);
    private static final Comparator<SchemaRef> SCHEMA_ORDER = Comparator.comparing(SchemaRef::database)
            .thenComparing(SchemaRef::schema);
    private static final Comparator<String> NAME_ORDER = Comparator.naturalOrder();

    private final FactStore base;
    private final Set<String> users = new HashSet<>();
    private final Map<Pair, MembershipChange> memberships = new HashMap<>();
    private final Set<String> groups = new HashSet<>();
    /** (group, business) */
    private final PreviewPairs<String, String> publications = new PreviewPairs<>(NAME_ORDER, NAME_ORDER);
    /** table -> its group in the preview (empty: removed) */
    private final Map<TableRef, Optional<String>> placements = new HashMap<>();
    private final Set<SchemaRef> schemas = new HashSet<>();
    private final PreviewPairs<SchemaRef, String> schemaMembers = new PreviewPairs<>(SCHEMA_ORDER, NAME_ORDER);
    /** (login, group) */
    private final PreviewPairs<String, String> directGrants = new PreviewPairs<>(NAME_ORDER, NAME_ORDER);
    /** (group, login) */
    private final PreviewPairs<String, String> writers = new PreviewPairs<>(NAME_ORDER, NAME_ORDER);
    /** business -> its warehouse in the preview (empty: none of its own) */
    private final Map<String, Optional<String>> businessWarehouses = new HashMap<>();
    private final Map<SchemaRef, Optional<String>> schemaWarehouses = new HashMap<>();

    PreviewFacts(FactStore base) {
        this.base = base;
    }

    // ---- the previewed changes

    @Override
    public void knowUser(String login, String userId) {
        users.add(login);
    }

    @Override
    public Optional<Instant> changeMembership(String login, String business, boolean member, Instant at) {
        Pair pair = new Pair(login, business);
        Optional<Instant> last = Optional.ofNullable(memberships.get(pair)).map(MembershipChange::at)
                .or(() -> base.membership(login, business).map(m -> m.changedAt));
        if (last.isPresent() && !EventOrder.applies(last.get(), at)) {
            return last;
        }
        memberships.put(pair, new MembershipChange(member, at));
        return Optional.empty();
    }

    @Override
    public void declareGroup(String group) {
        groups.add(group);
    }

    @Override
    public void publish(String group, String business) {
        publications.put(group, business, true);
    }

    @Override
    public void unpublish(String group, String business) {
        publications.put(group, business, false);
    }

    @Override
    public Optional<String> putTable(TableRef table, String group) {
        Optional<String> before = groupOf(table);
        placements.put(table, Optional.of(group));
        return before.filter(g -> !g.equals(group));
    }

    @Override
    public Optional<String> removeTable(TableRef table) {
        Optional<String> before = groupOf(table);
        placements.put(table, Optional.empty());
        return before;
    }

    private Optional<String> groupOf(TableRef table) {
        return placements.containsKey(table) ? placements.get(table) : base.groupOf(table);
    }

    @Override
    public void declareSharedSchema(SchemaRef schema) {
        schemas.add(schema);
    }

    @Override
    public boolean setWarehouse(SchemaRef schema, Optional<String> warehouse) {
        boolean changed = !warehouseOf(schema).equals(warehouse);
        schemaWarehouses.put(schema, warehouse);
        return changed;
    }

    @Override
    public boolean setWarehouse(String business, Optional<String> warehouse) {
        boolean changed = !warehouseOf(business).equals(warehouse);
        businessWarehouses.put(business, warehouse);
        return changed;
    }

    @Override
    public void addMember(SchemaRef schema, String login) {
        schemaMembers.put(schema, login, true);
    }

    @Override
    public void removeMember(SchemaRef schema, String login) {
        schemaMembers.put(schema, login, false);
    }

    @Override
    public void grantDirect(String login, String group) {
        directGrants.put(login, group, true);
    }

    @Override
    public void revokeDirect(String login, String group) {
        directGrants.put(login, group, false);
    }

    @Override
    public void addWriter(String group, String login) {
        writers.put(group, login, true);
    }

    @Override
    public void removeWriter(String group, String login) {
        writers.put(group, login, false);
    }

    // ---- reads: the database as the previewed changes leave it

    @Override
    public boolean userKnown(String login) {
        return users.contains(login) || base.userKnown(login);
    }

    @Override
    public Set<String> businessesOf(String login) {
        Set<String> businesses = new TreeSet<>(base.businessesOf(login));
        memberships.forEach((pair, change) -> {
            if (pair.login().equals(login)) {
                if (change.member()) {
                    businesses.add(pair.business());
                } else {
                    businesses.remove(pair.business());
                }
            }
        });
        return businesses;
    }

    /** A business with a member or a publication once the previewed changes are made. */
    @Override
    public boolean businessKnown(String business) {
        boolean changed = publications.changedSecond(business)
                || memberships.keySet().stream().anyMatch(p -> p.business().equals(business));
        if (!changed) {
            return base.businessKnown(business);
        }
        return !groupsPublishedIn(business).isEmpty() || !membersOfBusiness(business).isEmpty();
    }

    @Override
    public Set<String> membersOfBusiness(String business) {
        Set<String> members = new TreeSet<>(base.membersOfBusiness(business));
        memberships.forEach((pair, change) -> {
            if (pair.business().equals(business)) {
                if (change.member()) {
                    members.add(pair.login());
                } else {
                    members.remove(pair.login());
                }
            }
        });
        return members;
    }

    @Override
    public Set<String> groupsPublishedIn(String business) {
        return publications.firstsOf(business, base.groupsPublishedIn(business));
    }

    @Override
    public Set<String> businessesPublishing(String group) {
        return publications.secondsOf(group, base.businessesPublishing(group));
    }

    @Override
    public boolean groupKnown(String group) {
        return groups.contains(group) || base.groupKnown(group);
    }

    @Override
    public Collection<TableRef> tablesOf(String group) {
        Set<TableRef> tables = new TreeSet<>(TABLE_ORDER);
        base.tablesOf(group).stream().filter(t -> !placements.containsKey(t)).forEach(tables::add);
        placements.forEach((table, placed) -> placed.filter(group::equals).ifPresent(g -> tables.add(table)));
        return tables;
    }

    @Override
    public Set<SchemaRef> sharedSchemasOf(String login) {
        return schemaMembers.firstsOf(login, base.sharedSchemasOf(login));
    }

    @Override
    public Set<String> membersOf(SchemaRef schema) {
        return schemaMembers.secondsOf(schema, base.membersOf(schema));
    }

    @Override
    public Set<String> directGroupsOf(String login) {
        return directGrants.secondsOf(login, base.directGroupsOf(login));
    }

    @Override
    public boolean sharedSchemaKnown(SchemaRef schema) {
        return schemas.contains(schema) || base.sharedSchemaKnown(schema);
    }

    @Override
    public Optional<String> warehouseOf(String business) {
        return businessWarehouses.containsKey(business) ? businessWarehouses.get(business) : base.warehouseOf(business);
    }

    @Override
    public Optional<String> warehouseOf(SchemaRef schema) {
        return schemaWarehouses.containsKey(schema) ? schemaWarehouses.get(schema) : base.warehouseOf(schema);
    }

    /** Declaring the schema again forgets the drop an earlier deletion asked for, as the database does. */
    @Override
    public boolean schemaToDrop(SchemaRef schema) {
        return !schemas.contains(schema) && base.schemaToDrop(schema);
    }

    @Override
    public Set<String> writeGroupsOf(String login) {
        return writers.firstsOf(login, base.writeGroupsOf(login));
    }

    @Override
    public Set<String> writersOf(String group) {
        return writers.secondsOf(group, base.writersOf(group));
    }
}
