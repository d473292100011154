package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.ChangeableFacts;
import io.gatehouse.grant.domain.EventOrder;
import io.gatehouse.grant.domain.Facts;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.TableRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The desired facts in the service's database; reads serve the planner, writes run in the caller's transaction.
 * Adding a fact is an insert that ignores a row already there ({@code on conflict do nothing}, native because HQL
 * has no portable form of it), so two events stating the same fact never conflict. Membership is the one fact
 * ordered by event time ({@link EventOrder}); its reads see only current members, never a leave's tombstone.
 */
@ApplicationScoped
public class FactStore implements ChangeableFacts {

    private final EntityManager em;

    FactStore(EntityManager em) {
        this.em = em;
    }

    // ---- writes

    @Override
    public void knowUser(String login, String userId) {
        upsert("insert into app_user (login, user_id, first_seen) values (?1, ?2, ?3) on conflict do nothing",
                login, userId, Instant.now());
    }

    @Override
    public Optional<Instant> changeMembership(String login, String business, boolean member, Instant at) {
        Membership row = lockedMembership(login, business);
        if (row == null) {
            int inserted = em.createNativeQuery("insert into membership (login, business, member, changed_at) "
                            + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, login).setParameter(2, business).setParameter(3, member).setParameter(4, at)
                    .executeUpdate();
            if (inserted == 1) {
                return Optional.empty();
            }
            row = lockedMembership(login, business);   // another writer inserted it first: decide against its row
        }
        if (!EventOrder.applies(row.changedAt, at)) {
            return Optional.of(row.changedAt);
        }
        row.member = member;
        row.changedAt = at;
        return Optional.empty();
    }

    /** The pair's last change, read without a lock (a preview's question): whether it made a member, and when. */
    public Optional<Membership> membership(String login, String business) {
        return Membership.findByIdOptional(new Membership.Key(login, business));
    }

    /** The pair's row, locked until the transaction ends, so two changes of one pair are decided one after another. */
    private static Membership lockedMembership(String login, String business) {
        return Membership.findById(new Membership.Key(login, business), LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public void declareGroup(String group) {
        upsert("insert into table_group (name) values (?1) on conflict do nothing", group);
    }

    @Override
    public void publish(String group, String business) {
        upsert("insert into publication (table_group, business) values (?1, ?2) on conflict do nothing", group, business);
    }

    @Override
    public void unpublish(String group, String business) {
        Publication.delete("tableGroup = ?1 and business = ?2", group, business);
    }

    @Override
    public Optional<String> putTable(TableRef t, String group) {
        CatalogTable row = CatalogTable.findById(CatalogTable.Key.of(t));
        if (row == null) {
            CatalogTable.of(t, group).persist();
            return Optional.empty();
        }
        String before = row.tableGroup;
        row.tableGroup = group;
        return Optional.of(before).filter(g -> !g.equals(group));
    }

    @Override
    public Optional<String> removeTable(TableRef t) {
        Optional<CatalogTable> row = CatalogTable.findByIdOptional(CatalogTable.Key.of(t));
        row.ifPresent(CatalogTable::delete);
        return row.map(r -> r.tableGroup);
    }

    public Optional<String> groupOf(TableRef t) {
        return CatalogTable.<CatalogTable>findByIdOptional(CatalogTable.Key.of(t)).map(r -> r.tableGroup);
    }

    @Override
    public void declareSharedSchema(SchemaRef s) {
        upsert("insert into shared_schema (database_name, schema_name) values (?1, ?2) on conflict do nothing",
                s.database(), s.schema());
        SchemaDrop.delete("databaseName = ?1 and schemaName = ?2", s.database(), s.schema());
    }

    /** Forgets the shared schema and its members; {@code dropSchema} asks for the schema to go with its role. */
    public void deleteSharedSchema(SchemaRef s, boolean dropSchema) {
        SharedSchemaMember.delete("databaseName = ?1 and schemaName = ?2", s.database(), s.schema());
        SharedSchema.delete("databaseName = ?1 and schemaName = ?2", s.database(), s.schema());
        if (dropSchema) {
            upsert("insert into schema_drop (database_name, schema_name) values (?1, ?2) on conflict do nothing",
                    s.database(), s.schema());
        }
    }

    /** Forgets the group: its tables in the catalogue, publications, direct grants, writers and the group itself. */
    public void deleteGroup(String group) {
        CatalogTable.delete("tableGroup", group);
        Publication.delete("tableGroup", group);
        DirectGrant.delete("tableGroup", group);
        TableGroupWriter.delete("tableGroup", group);
        TableGroup.deleteById(group);
    }

    /**
     * Retires the business: every current membership ends as of {@code at} (a tombstone, so an HR join older than the
     * retirement stays stale) and its publications go. A later join or publication names the business again.
     */
    public void retireBusiness(String business, Instant at) {
        Membership.update("member = false, changedAt = ?1 where business = ?2 and member = true", at, business);
        Publication.delete("business", business);
    }

    @Override
    public void addWriter(String group, String login) {
        upsert("insert into table_group_writer (table_group, login) values (?1, ?2) on conflict do nothing", group, login);
    }

    @Override
    public void removeWriter(String group, String login) {
        TableGroupWriter.delete("tableGroup = ?1 and login = ?2", group, login);
    }

    /** Sets the shared schema's warehouse (empty: none); returns whether it changed. The schema must be declared. */
    @Override
    public boolean setWarehouse(SchemaRef s, Optional<String> warehouse) {
        SharedSchema row = SharedSchema.findById(new SharedSchema.Key(s.database(), s.schema()));
        boolean changed = !Optional.ofNullable(row.warehouse).equals(warehouse);
        row.warehouse = warehouse.orElse(null);
        return changed;
    }

    /** Sets the business's warehouse (empty: none, the configured default applies); returns whether it changed. */
    @Override
    public boolean setWarehouse(String business, Optional<String> warehouse) {
        BusinessWarehouse row = BusinessWarehouse.findById(business);
        if (row == null && warehouse.isPresent()) {
            row = new BusinessWarehouse();
            row.business = business;
            row.warehouse = warehouse.get();
            row.persist();
            return true;
        } else if (row != null && warehouse.isEmpty()) {
            row.delete();
            return true;
        } else if (row != null && !row.warehouse.equals(warehouse.get())) {
            row.warehouse = warehouse.get();
            return true;
        }
        return false;
    }

    @Override
    public void addMember(SchemaRef s, String login) {
        upsert("insert into shared_schema_member (database_name, schema_name, login) values (?1, ?2, ?3) "
                + "on conflict do nothing", s.database(), s.schema(), login);
    }

    @Override
    public void removeMember(SchemaRef s, String login) {
        SharedSchemaMember.delete("databaseName = ?1 and schemaName = ?2 and login = ?3", s.database(), s.schema(), login);
    }

    @Override
    public Set<String> membersOf(SchemaRef s) {
        return strings("select login from SharedSchemaMember where databaseName = ?1 and schemaName = ?2 order by login",
                s.database(), s.schema());
    }

    @Override
    public void grantDirect(String login, String group) {
        upsert("insert into direct_grant (login, table_group) values (?1, ?2) on conflict do nothing", login, group);
    }

    @Override
    public void revokeDirect(String login, String group) {
        DirectGrant.delete("login = ?1 and tableGroup = ?2", login, group);
    }

    // ---- reads (Facts)

    @Override
    public boolean userKnown(String login) {
        return exists("select 1 from AppUser where login = ?1", login);
    }

    @Override
    public Set<String> businessesOf(String login) {
        return strings("select business from Membership where login = ?1 and member = true order by business", login);
    }

    @Override
    public Set<SchemaRef> sharedSchemasOf(String login) {
        return new LinkedHashSet<>(em.createQuery("select databaseName, schemaName from SharedSchemaMember "
                        + "where login = ?1 order by databaseName, schemaName", SchemaRef.class)
                .setParameter(1, login).getResultList());
    }

    @Override
    public Set<String> directGroupsOf(String login) {
        return strings("select tableGroup from DirectGrant where login = ?1 order by tableGroup", login);
    }

    @Override
    public boolean businessKnown(String business) {
        return exists("select 1 from Membership where business = ?1 and member = true", business)
                || exists("select 1 from Publication where business = ?1", business);
    }

    @Override
    public Set<String> groupsPublishedIn(String business) {
        return strings("select tableGroup from Publication where business = ?1 order by tableGroup", business);
    }

    @Override
    public Set<String> businessesPublishing(String group) {
        return strings("select business from Publication where tableGroup = ?1 order by business", group);
    }

    /** Members of the business, by login. */
    @Override
    public Set<String> membersOfBusiness(String business) {
        return strings("select login from Membership where business = ?1 and member = true order by login", business);
    }

    /** Users the group is granted to directly, by login. */
    public Set<String> directHoldersOf(String group) {
        return strings("select login from DirectGrant where tableGroup = ?1 order by login", group);
    }

    @Override
    public boolean groupKnown(String group) {
        return exists("select 1 from TableGroup where name = ?1", group);
    }

    @Override
    public Collection<TableRef> tablesOf(String group) {
        return em.createQuery("select databaseName, schemaName, tableName from CatalogTable where tableGroup = ?1 "
                        + "order by databaseName, schemaName, tableName", TableRef.class)
                .setParameter(1, group).getResultList();
    }

    @Override
    public boolean sharedSchemaKnown(SchemaRef s) {
        return exists("select 1 from SharedSchema where databaseName = ?1 and schemaName = ?2", s.database(), s.schema());
    }

    @Override
    public Optional<String> warehouseOf(String business) {
        return BusinessWarehouse.<BusinessWarehouse>findByIdOptional(business).map(r -> r.warehouse);
    }

    @Override
    public Optional<String> warehouseOf(SchemaRef s) {
        return SharedSchema.<SharedSchema>findByIdOptional(new SharedSchema.Key(s.database(), s.schema()))
                .map(r -> r.warehouse);
    }

    @Override
    public boolean schemaToDrop(SchemaRef s) {
        return exists("select 1 from SchemaDrop where databaseName = ?1 and schemaName = ?2", s.database(), s.schema());
    }

    @Override
    public Set<String> writeGroupsOf(String login) {
        return strings("select tableGroup from TableGroupWriter where login = ?1 order by tableGroup", login);
    }

    @Override
    public Set<String> writersOf(String group) {
        return strings("select login from TableGroupWriter where tableGroup = ?1 order by login", group);
    }

    /**
     * The facts of these users' roles read in six queries, not six per user: a drift scan reads its roles a page at a
     * time ({@link UsersFacts}). Run in the caller's transaction; read through to this store for anything else.
     */
    public Facts usersFacts(Set<String> logins) {
        UsersFacts page = new UsersFacts(this, logins);
        if (logins.isEmpty()) {
            return page;
        }
        List<String> all = List.copyOf(logins);
        em.createQuery("select login from AppUser where login in ?1", String.class).setParameter(1, all)
                .getResultList().forEach(page::known);
        rows("select login, business from Membership where login in ?1 and member = true order by business", all)
                .forEach(r -> page.business((String) r[0], (String) r[1]));
        rows("select login, databaseName, schemaName from SharedSchemaMember where login in ?1 "
                + "order by databaseName, schemaName", all)
                .forEach(r -> page.sharedSchema((String) r[0], new SchemaRef((String) r[1], (String) r[2])));
        rows("select login, tableGroup from DirectGrant where login in ?1 order by tableGroup", all)
                .forEach(r -> page.directGroup((String) r[0], (String) r[1]));
        rows("select login, tableGroup from TableGroupWriter where login in ?1 order by tableGroup", all)
                .forEach(r -> page.writeGroup((String) r[0], (String) r[1]));
        List<String> businesses = List.copyOf(page.businesses());
        page.warehousesRead(businesses);
        if (!businesses.isEmpty()) {
            rows("select business, warehouse from BusinessWarehouse where business in ?1", businesses)
                    .forEach(r -> page.warehouse((String) r[0], (String) r[1]));
        }
        return page;
    }

    private List<Object[]> rows(String hql, List<String> values) {
        return em.createQuery(hql, Object[].class).setParameter(1, values).getResultList();
    }

    // ---- the catalogue: every business, table group and shared schema at once (a few queries, not one per item)

    /** Businesses with a member or a publication (those {@link #businessKnown} names), sorted. */
    public Set<String> businesses() {
        Set<String> all = new TreeSet<>(strings("select distinct business from Membership where member = true"));
        all.addAll(strings("select distinct business from Publication"));
        return all;
    }

    /** Current members by business, each list sorted. */
    public Map<String, List<String>> membersByBusiness() {
        return grouped(Membership.<Membership>list("member", true), m -> m.business, m -> m.login);
    }

    /** Published table groups by business, each list sorted. */
    public Map<String, List<String>> groupsByBusiness() {
        return grouped(Publication.<Publication>listAll(), p -> p.business, p -> p.tableGroup);
    }

    /** Publishing businesses by table group, each list sorted. */
    public Map<String, List<String>> businessesByGroup() {
        return grouped(Publication.<Publication>listAll(), p -> p.tableGroup, p -> p.business);
    }

    /** The warehouses the platform team set, by business. */
    public Map<String, String> warehousesByBusiness() {
        return BusinessWarehouse.<BusinessWarehouse>listAll().stream()
                .collect(Collectors.toMap(w -> w.business, w -> w.warehouse, (a, b) -> a, TreeMap::new));
    }

    /** Table groups (those {@link #groupKnown} names), sorted. */
    public Set<String> groups() {
        return new TreeSet<>(strings("select name from TableGroup"));
    }

    /** The catalogue's tables by group, each list by database, schema and table. */
    public Map<String, List<TableRef>> tablesByGroup() {
        return em.createQuery("from CatalogTable order by databaseName, schemaName, tableName", CatalogTable.class)
                .getResultStream().collect(Collectors.groupingBy(t -> t.tableGroup, TreeMap::new, Collectors.mapping(
                        t -> new TableRef(t.databaseName, t.schemaName, t.tableName), Collectors.toList())));
    }

    /** Writers by table group, each list sorted. */
    public Map<String, List<String>> writersByGroup() {
        return grouped(TableGroupWriter.<TableGroupWriter>listAll(), w -> w.tableGroup, w -> w.login);
    }

    /** Shared schemas with their members (sorted). */
    public Map<SchemaRef, List<String>> sharedSchemasWithMembers() {
        Map<SchemaRef, List<String>> all = new TreeMap<>(Comparator.comparing(SchemaRef::database)
                .thenComparing(SchemaRef::schema));
        SharedSchema.<SharedSchema>listAll().forEach(s -> all.put(new SchemaRef(s.databaseName, s.schemaName),
                new ArrayList<>()));
        em.createQuery("from SharedSchemaMember order by login", SharedSchemaMember.class).getResultStream()
                .forEach(m -> {
                    List<String> members = all.get(new SchemaRef(m.databaseName, m.schemaName));
                    if (members != null) {
                        members.add(m.login);
                    }
                });
        return all;
    }

    /** The rows' values by key, keys and each key's values sorted. */
    private static <T> Map<String, List<String>> grouped(List<T> rows, Function<T, String> key, Function<T, String> value) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.mapping(value,
                Collectors.collectingAndThen(Collectors.toList(), values -> values.stream().sorted().toList()))));
    }

    private void upsert(String sql, Object... params) {
        var insert = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            insert.setParameter(i + 1, params[i]);
        }
        insert.executeUpdate();
    }

    private boolean exists(String hql, Object... params) {
        var query = em.createQuery(hql, Integer.class).setMaxResults(1);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return !query.getResultList().isEmpty();
    }

    private Set<String> strings(String hql, Object... params) {
        var query = em.createQuery(hql, String.class);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return new LinkedHashSet<>(query.getResultList());
    }
}
