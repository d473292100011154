package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.naming.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The catalogue as the desired state holds it: every business, table group and shared schema with its role name and
 * who is in it, sorted by name. What Snowflake holds is the drift check's question, not this one's.
 */
@ApplicationScoped
public class CatalogueQueries {

    /** {@code warehouse}: the one set for the business; null when none (the configured default applies). */
    public record Business(String name, String publicRole, String warehouse, List<String> members,
                           List<String> tableGroups) {
    }

    /** {@code tables}: {@code DB.SCHEMA.TABLE} as SHOW prints them. */
    public record TableGroup(String name, String role, List<String> tables, List<String> publishedIn,
                             List<String> writers) {
    }

    /** {@code name}: {@code DB.SCHEMA} as SHOW prints it. */
    public record SharedSchema(String name, String role, String database, String schema, List<String> members) {
    }

    private final FactStore facts;
    private final GrantModel model;

    CatalogueQueries(FactStore facts, GrantModel model) {
        this.facts = facts;
        this.model = model;
    }

    @Transactional
    public List<Business> businesses() {
        RoleNames names = model.names();
        Map<String, List<String>> members = facts.membersByBusiness();
        Map<String, List<String>> groups = facts.groupsByBusiness();
        Map<String, String> warehouses = facts.warehousesByBusiness();
        return facts.businesses().stream().map(b -> new Business(b, names.business(b), warehouses.get(b),
                members.getOrDefault(b, List.of()), groups.getOrDefault(b, List.of()))).toList();
    }

    @Transactional
    public List<TableGroup> tableGroups() {
        RoleNames names = model.names();
        Map<String, List<TableRef>> tables = facts.tablesByGroup();
        Map<String, List<String>> businesses = facts.businessesByGroup();
        Map<String, List<String>> writers = facts.writersByGroup();
        return facts.groups().stream().map(g -> new TableGroup(g, names.tableGroup(g),
                tables.getOrDefault(g, List.of()).stream().map(TableRef::display).toList(),
                businesses.getOrDefault(g, List.of()), writers.getOrDefault(g, List.of()))).toList();
    }

    @Transactional
    public List<SharedSchema> sharedSchemas() {
        RoleNames names = model.names();
        return facts.sharedSchemasWithMembers().entrySet().stream().map(e -> {
            SchemaRef s = e.getKey();
            return new SharedSchema(s.display(), names.sharedSchema(s.database(), s.schema()), s.database(), s.schema(),
                    e.getValue());
        }).sorted(Comparator.comparing(SharedSchema::name)).toList();
    }
}
