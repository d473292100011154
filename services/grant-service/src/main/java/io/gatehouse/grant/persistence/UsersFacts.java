package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.Facts;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.TableRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of a page of users read up front, a few queries for the whole page (FactStore asks one query per fact
 * and user): what a user role's desired state reads, their memberships, shared schemas, direct and write groups and
 * their businesses' warehouses. Every other fact, and any user outside the page, is read through from the store, in
 * the same transaction. Each user's sets are in the order the store's one-user reads give them.
 */
final class UsersFacts implements Facts {

    private final Facts store;
    private final Set<String> logins;
    private final Set<String> known = new HashSet<>();
    private final Map<String, Set<String>> businesses = new HashMap<>();
    private final Map<String, Set<SchemaRef>> sharedSchemas = new HashMap<>();
    private final Map<String, Set<String>> directGroups = new HashMap<>();
    private final Map<String, Set<String>> writeGroups = new HashMap<>();
    private final Map<String, String> warehouses = new HashMap<>();
    private final Set<String> warehousesRead = new HashSet<>();

    UsersFacts(Facts store, Set<String> logins) {
        this.store = store;
        this.logins = Set.copyOf(logins);
    }

    void known(String login) {
        known.add(login);
    }

    void business(String login, String business) {
        businesses.computeIfAbsent(login, l -> new LinkedHashSet<>()).add(business);
    }

    void sharedSchema(String login, SchemaRef schema) {
        sharedSchemas.computeIfAbsent(login, l -> new LinkedHashSet<>()).add(schema);
    }

    void directGroup(String login, String group) {
        directGroups.computeIfAbsent(login, l -> new LinkedHashSet<>()).add(group);
    }

    void writeGroup(String login, String group) {
        writeGroups.computeIfAbsent(login, l -> new LinkedHashSet<>()).add(group);
    }

    /** The businesses whose warehouses were read (each then present in {@link #warehouse} when it has one). */
    void warehousesRead(Collection<String> businesses) {
        warehousesRead.addAll(businesses);
    }

    void warehouse(String business, String warehouse) {
        warehouses.put(business, warehouse);
    }

    /** Every business the page's users are members of. */
    Set<String> businesses() {
        Set<String> all = new HashSet<>();
        businesses.values().forEach(all::addAll);
        return all;
    }

    @Override
    public boolean userKnown(String login) {
        return logins.contains(login) ? known.contains(login) : store.userKnown(login);
    }

    @Override
    public Set<String> businessesOf(String login) {
        return logins.contains(login) ? businesses.getOrDefault(login, Set.of()) : store.businessesOf(login);
    }

    @Override
    public Set<SchemaRef> sharedSchemasOf(String login) {
        return logins.contains(login) ? sharedSchemas.getOrDefault(login, Set.of()) : store.sharedSchemasOf(login);
    }

    @Override
    public Set<String> directGroupsOf(String login) {
        return logins.contains(login) ? directGroups.getOrDefault(login, Set.of()) : store.directGroupsOf(login);
    }

    @Override
    public Set<String> writeGroupsOf(String login) {
        return logins.contains(login) ? writeGroups.getOrDefault(login, Set.of()) : store.writeGroupsOf(login);
    }

    @Override
    public Optional<String> warehouseOf(String business) {
        return warehousesRead.contains(business) ? Optional.ofNullable(warehouses.get(business))
                : store.warehouseOf(business);
    }

    @Override
    public boolean businessKnown(String business) {
        return store.businessKnown(business);
    }

    @Override
    public Set<String> groupsPublishedIn(String business) {
        return store.groupsPublishedIn(business);
    }

    @Override
    public boolean groupKnown(String group) {
        return store.groupKnown(group);
    }

    @Override
    public Collection<TableRef> tablesOf(String group) {
        return store.tablesOf(group);
    }

    @Override
    public boolean sharedSchemaKnown(SchemaRef schema) {
        return store.sharedSchemaKnown(schema);
    }

    @Override
    public Optional<String> warehouseOf(SchemaRef schema) {
        return store.warehouseOf(schema);
    }

    @Override
    public boolean schemaToDrop(SchemaRef schema) {
        return store.schemaToDrop(schema);
    }

    @Override
    public Set<String> writersOf(String group) {
        return store.writersOf(group);
    }
}
