package io.gatehouse.grant.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Facts held in maps, for planner tests and benchmarks. */
public final class InMemoryFacts implements Facts {

    public final Map<String, Set<String>> memberships = new HashMap<>();
    public final Map<String, Set<SchemaRef>> sharedMembers = new HashMap<>();
    public final Map<String, Set<String>> direct = new HashMap<>();
    public final Map<String, Set<String>> publications = new HashMap<>();
    public final Map<String, List<TableRef>> tables = new HashMap<>();
    public final Set<SchemaRef> sharedSchemas = new HashSet<>();
    public final Set<String> users = new HashSet<>();
    public final Map<String, String> businessWarehouses = new HashMap<>();
    public final Map<SchemaRef, String> schemaWarehouses = new HashMap<>();
    public final Map<String, Set<String>> writers = new HashMap<>();
    public final Set<SchemaRef> schemaDrops = new HashSet<>();

    public InMemoryFacts writer(String group, String login) {
        users.add(login);
        writers.computeIfAbsent(group, k -> new HashSet<>()).add(login);
        return this;
    }

    public InMemoryFacts join(String login, String business) {
        users.add(login);
        memberships.computeIfAbsent(login, k -> new HashSet<>()).add(business);
        return this;
    }

    public InMemoryFacts leave(String login, String business) {
        memberships.getOrDefault(login, new HashSet<>()).remove(business);
        return this;
    }

    public InMemoryFacts table(String group, TableRef table, String... businesses) {
        tables.computeIfAbsent(group, k -> new ArrayList<>()).add(table);
        for (String b : businesses) {
            publications.computeIfAbsent(b, k -> new HashSet<>()).add(group);
        }
        return this;
    }

    @Override
    public boolean userKnown(String login) {
        return users.contains(login);
    }

    @Override
    public Set<String> businessesOf(String login) {
        return memberships.getOrDefault(login, Set.of());
    }

    @Override
    public Set<SchemaRef> sharedSchemasOf(String login) {
        return sharedMembers.getOrDefault(login, Set.of());
    }

    @Override
    public Set<String> directGroupsOf(String login) {
        return direct.getOrDefault(login, Set.of());
    }

    @Override
    public boolean businessKnown(String business) {
        return publications.containsKey(business)
                || memberships.values().stream().anyMatch(s -> s.contains(business));
    }

    @Override
    public Set<String> groupsPublishedIn(String business) {
        return publications.getOrDefault(business, Set.of());
    }

    @Override
    public boolean groupKnown(String group) {
        return tables.containsKey(group);
    }

    @Override
    public Collection<TableRef> tablesOf(String group) {
        return tables.getOrDefault(group, List.of());
    }

    @Override
    public boolean sharedSchemaKnown(SchemaRef schema) {
        return sharedSchemas.contains(schema);
    }

    @Override
    public Optional<String> warehouseOf(String business) {
        return Optional.ofNullable(businessWarehouses.get(business));
    }

    @Override
    public Optional<String> warehouseOf(SchemaRef schema) {
        return Optional.ofNullable(schemaWarehouses.get(schema));
    }

    @Override
    public boolean schemaToDrop(SchemaRef schema) {
        return schemaDrops.contains(schema);
    }

    @Override
    public Set<String> writeGroupsOf(String login) {
        Set<String> groups = new HashSet<>();
        writers.forEach((group, logins) -> {
            if (logins.contains(login)) {
                groups.add(group);
            }
        });
        return groups;
    }

    @Override
    public Set<String> writersOf(String group) {
        return writers.getOrDefault(group, Set.of());
    }
}
