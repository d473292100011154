package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.Facts;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.TableRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The desired facts in the service's database; reads serve the planner, writes run in the caller's transaction. */
@ApplicationScoped
public class FactStore implements Facts {

    private final EntityManager em;

    FactStore(EntityManager em) {
        this.em = em;
    }

    // ---- writes

    public void knowUser(String login, String userId) {
        em.createNativeQuery("insert into app_user (login, user_id, first_seen) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, login).setParameter(2, userId).setParameter(3, Instant.now()).executeUpdate();
    }

    public void join(String login, String business) {
        em.createNativeQuery("insert into membership (login, business) values (?1, ?2) on conflict do nothing")
                .setParameter(1, login).setParameter(2, business).executeUpdate();
    }

    public void leave(String login, String business) {
        em.createNativeQuery("delete from membership where login = ?1 and business = ?2")
                .setParameter(1, login).setParameter(2, business).executeUpdate();
    }

    public void declareGroup(String group) {
        em.createNativeQuery("insert into table_group (name) values (?1) on conflict do nothing")
                .setParameter(1, group).executeUpdate();
    }

    public void publish(String group, String business) {
        em.createNativeQuery("insert into publication (table_group, business) values (?1, ?2) on conflict do nothing")
                .setParameter(1, group).setParameter(2, business).executeUpdate();
    }

    public void unpublish(String group, String business) {
        em.createNativeQuery("delete from publication where table_group = ?1 and business = ?2")
                .setParameter(1, group).setParameter(2, business).executeUpdate();
    }

    /** Puts the table into the group; returns the group it was in before, if another. */
    public Optional<String> putTable(TableRef t, String group) {
        Optional<String> before = groupOf(t);
        if (before.isPresent()) {
            em.createNativeQuery("update catalog_table set table_group = ?4 where database_name = ?1 and schema_name = ?2 "
                    + "and table_name = ?3").setParameter(1, t.database()).setParameter(2, t.schema())
                    .setParameter(3, t.table()).setParameter(4, group).executeUpdate();
        } else {
            em.createNativeQuery("insert into catalog_table (database_name, schema_name, table_name, table_group) "
                    + "values (?1, ?2, ?3, ?4)").setParameter(1, t.database()).setParameter(2, t.schema())
                    .setParameter(3, t.table()).setParameter(4, group).executeUpdate();
        }
        return before.filter(g -> !g.equals(group));
    }

    /** Removes the table; returns the group it was in. */
    public Optional<String> removeTable(TableRef t) {
        Optional<String> before = groupOf(t);
        em.createNativeQuery("delete from catalog_table where database_name = ?1 and schema_name = ?2 and table_name = ?3")
                .setParameter(1, t.database()).setParameter(2, t.schema()).setParameter(3, t.table()).executeUpdate();
        return before;
    }

    public Optional<String> groupOf(TableRef t) {
        return strings(em.createNativeQuery("select table_group from catalog_table where database_name = ?1 "
                        + "and schema_name = ?2 and table_name = ?3")
                .setParameter(1, t.database()).setParameter(2, t.schema()).setParameter(3, t.table()).getResultList())
                .stream().findFirst();
    }

    public void declareSharedSchema(SchemaRef s) {
        em.createNativeQuery("insert into shared_schema (database_name, schema_name) values (?1, ?2) on conflict do nothing")
                .setParameter(1, s.database()).setParameter(2, s.schema()).executeUpdate();
    }

    public void addMember(SchemaRef s, String login) {
        em.createNativeQuery("insert into shared_schema_member (database_name, schema_name, login) values (?1, ?2, ?3) "
                + "on conflict do nothing").setParameter(1, s.database()).setParameter(2, s.schema())
                .setParameter(3, login).executeUpdate();
    }

    public void removeMember(SchemaRef s, String login) {
        em.createNativeQuery("delete from shared_schema_member where database_name = ?1 and schema_name = ?2 and login = ?3")
                .setParameter(1, s.database()).setParameter(2, s.schema()).setParameter(3, login).executeUpdate();
    }

    public Set<String> membersOf(SchemaRef s) {
        return strings(em.createNativeQuery("select login from shared_schema_member where database_name = ?1 "
                + "and schema_name = ?2 order by login").setParameter(1, s.database()).setParameter(2, s.schema())
                .getResultList());
    }

    public void grantDirect(String login, String group) {
        em.createNativeQuery("insert into direct_grant (login, table_group) values (?1, ?2) on conflict do nothing")
                .setParameter(1, login).setParameter(2, group).executeUpdate();
    }

    public void revokeDirect(String login, String group) {
        em.createNativeQuery("delete from direct_grant where login = ?1 and table_group = ?2")
                .setParameter(1, login).setParameter(2, group).executeUpdate();
    }

    // ---- reads (Facts)

    @Override
    public boolean userKnown(String login) {
        return exists("select 1 from app_user where login = ?1", login);
    }

    @Override
    public Set<String> businessesOf(String login) {
        return strings(em.createNativeQuery("select business from membership where login = ?1 order by business")
                .setParameter(1, login).getResultList());
    }

    @Override
    public Set<SchemaRef> sharedSchemasOf(String login) {
        List<?> rows = em.createNativeQuery("select database_name, schema_name from shared_schema_member where login = ?1 "
                + "order by database_name, schema_name").setParameter(1, login).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new SchemaRef((String) r[0], (String) r[1]))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public Set<String> directGroupsOf(String login) {
        return strings(em.createNativeQuery("select table_group from direct_grant where login = ?1 order by table_group")
                .setParameter(1, login).getResultList());
    }

    @Override
    public boolean businessKnown(String business) {
        return exists("select 1 from membership where business = ?1", business)
                || exists("select 1 from publication where business = ?1", business);
    }

    @Override
    public Set<String> groupsPublishedIn(String business) {
        return strings(em.createNativeQuery("select table_group from publication where business = ?1 order by table_group")
                .setParameter(1, business).getResultList());
    }

    public Set<String> businessesPublishing(String group) {
        return strings(em.createNativeQuery("select business from publication where table_group = ?1 order by business")
                .setParameter(1, group).getResultList());
    }

    @Override
    public boolean groupKnown(String group) {
        return exists("select 1 from table_group where name = ?1", group);
    }

    @Override
    public Collection<TableRef> tablesOf(String group) {
        List<?> rows = em.createNativeQuery("select database_name, schema_name, table_name from catalog_table "
                + "where table_group = ?1 order by 1, 2, 3").setParameter(1, group).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new TableRef((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    @Override
    public boolean sharedSchemaKnown(SchemaRef s) {
        return !em.createNativeQuery("select 1 from shared_schema where database_name = ?1 and schema_name = ?2")
                .setParameter(1, s.database()).setParameter(2, s.schema()).setMaxResults(1).getResultList().isEmpty();
    }

    private boolean exists(String sql, String param) {
        return !em.createNativeQuery(sql).setParameter(1, param).setMaxResults(1).getResultList().isEmpty();
    }

    private static Set<String> strings(List<?> rows) {
        return rows.stream().map(String.class::cast).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
