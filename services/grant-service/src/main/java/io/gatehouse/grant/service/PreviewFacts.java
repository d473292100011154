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
 * previewed events, writes never reach it. Nothing is locked or written, so a preview cannot stall a consumer.
 * Only the facts consumed events change are overlaid ({@link ChangeableFacts}); the rest is read through.
 */
final class PreviewFacts implements ChangeableFacts {

    private record Pair(String login, String business) {
    }

    private record MembershipChange(boolean member, Instant at) {
    }

    private static final Comparator<TableRef> TABLE_ORDER = Comparator.comparing(TableRef::database)
            .thenComparing(TableRef::schema).thenComparing(TableRef::table);

    private final FactStore base;
    private final Set<String> users = new HashSet<>();
    private final Map<Pair, MembershipChange> memberships = new HashMap<>();
    private final Set<String> groups = new HashSet<>();
    /** business -> groups the preview published there */
    private final Map<String, Set<String>> publications = new HashMap<>();
    /** table -> its group in the preview (empty: removed) */
    private final Map<TableRef, Optional<String>> placements = new HashMap<>();

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
        publications.computeIfAbsent(business, b -> new HashSet<>()).add(group);
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
        boolean changed = publications.containsKey(business)
                || memberships.keySet().stream().anyMatch(p -> p.business().equals(business));
        if (!changed) {
            return base.businessKnown(business);
        }
        if (publications.containsKey(business) || !base.groupsPublishedIn(business).isEmpty()) {
            return true;
        }
        Set<String> members = new HashSet<>(base.membersOfBusiness(business));
        memberships.forEach((pair, change) -> {
            if (pair.business().equals(business)) {
                if (change.member()) {
                    members.add(pair.login());
                } else {
                    members.remove(pair.login());
                }
            }
        });
        return !members.isEmpty();
    }

    @Override
    public Set<String> groupsPublishedIn(String business) {
        Set<String> published = new TreeSet<>(base.groupsPublishedIn(business));
        published.addAll(publications.getOrDefault(business, Set.of()));
        return published;
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

    // ---- facts no consumed event changes

    @Override
    public Set<SchemaRef> sharedSchemasOf(String login) {
        return base.sharedSchemasOf(login);
    }

    @Override
    public Set<String> directGroupsOf(String login) {
        return base.directGroupsOf(login);
    }

    @Override
    public boolean sharedSchemaKnown(SchemaRef schema) {
        return base.sharedSchemaKnown(schema);
    }

    @Override
    public Optional<String> warehouseOf(String business) {
        return base.warehouseOf(business);
    }

    @Override
    public Optional<String> warehouseOf(SchemaRef schema) {
        return base.warehouseOf(schema);
    }

    @Override
    public boolean schemaToDrop(SchemaRef schema) {
        return base.schemaToDrop(schema);
    }

    @Override
    public Set<String> writeGroupsOf(String login) {
        return base.writeGroupsOf(login);
    }

    @Override
    public Set<String> writersOf(String group) {
        return base.writersOf(group);
    }
}
