package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.state.AccountState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The account's objects, users and grants. Not thread-safe: the engine serialises statements on it.
 * Rules about who may do what live in {@link AccessControl}; this class only stores.
 */
public final class Account {

    private final String name;
    private final Map<ObjectRef, SecurableObject> objects = new LinkedHashMap<>();
    private final Map<String, Credentials> credentials = new LinkedHashMap<>();
    private final Map<String, UserKeys> userKeys = new LinkedHashMap<>();
    private final List<PrivilegeGrant> grants = new ArrayList<>();
    private final List<RoleGrant> roleGrants = new ArrayList<>();
    private final List<FutureGrant> futureGrants = new ArrayList<>();
    private final Map<ObjectRef, List<List<Object>>> rows = new LinkedHashMap<>();
    /**
     * DEFAULT_WAREHOUSE per user. Kept beside the credentials rather than in them: it decides where a session
     * lands, not who may log in.
     */
    private final Map<String, String> defaultWarehouses = new LinkedHashMap<>();
    private long lastTimestamp;

    public Account(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ObjectRef ref() {
        return ObjectRef.account(name);
    }

    /** Creation timestamps in epoch millis, strictly increasing so SHOW output has a stable order. */
    public long now() {
        lastTimestamp = Math.max(lastTimestamp + 1, System.currentTimeMillis());
        return lastTimestamp;
    }

    // ---- objects

    public Optional<SecurableObject> find(ObjectRef ref) {
        return Optional.ofNullable(objects.get(ref));
    }

    public boolean exists(ObjectRef ref) {
        return objects.containsKey(ref);
    }

    public String ownerOf(ObjectRef ref) {
        SecurableObject o = objects.get(ref);
        return o == null ? null : o.owner();
    }

    public void put(SecurableObject object) {
        objects.put(object.ref(), object);
    }

    public List<SecurableObject> objects(ObjectKind kind) {
        return objects.values().stream().filter(o -> o.ref().kind() == kind).collect(Collectors.toList());
    }

    /** Removes an object, everything it contains, and every grant on any of them. */
    public void remove(ObjectRef ref) {
        List<ObjectRef> doomed = objects.keySet().stream().filter(r -> r.equals(ref) || contains(ref, r)).toList();
        for (ObjectRef r : doomed) {
            objects.remove(r);
            rows.remove(r);
            credentials.remove(r.kind() == ObjectKind.USER ? r.name() : "\u0000");
            userKeys.remove(r.kind() == ObjectKind.USER ? r.name() : "\u0000");
            defaultWarehouses.remove(r.kind() == ObjectKind.USER ? r.name() : "\u0000");
        }
        grants.removeIf(g -> doomed.contains(g.on()));
        futureGrants.removeIf(f -> doomed.contains(f.container()));
        if (ref.kind() == ObjectKind.ROLE) {
            grants.removeIf(g -> g.grantee().equals(ref.name()));
            futureGrants.removeIf(f -> f.grantee().equals(ref.name()));
            roleGrants.removeIf(rg -> rg.role().equals(ref.name())
                    || rg.granteeKind() == ObjectKind.ROLE && rg.grantee().equals(ref.name()));
        }
        if (ref.kind() == ObjectKind.USER) {
            roleGrants.removeIf(rg -> rg.granteeKind() == ObjectKind.USER && rg.grantee().equals(ref.name()));
        }
    }

    private static boolean contains(ObjectRef container, ObjectRef candidate) {
        return switch (container.kind()) {
            case DATABASE -> container.name().equals(candidate.database());
            case SCHEMA -> candidate.kind() == ObjectKind.TABLE && container.database().equals(candidate.database())
                    && container.name().equals(candidate.schema());
            default -> false;
        };
    }

    // ---- users

    public Optional<Credentials> credentials(String user) {
        return Optional.ofNullable(credentials.get(user));
    }

    public void setCredentials(String user, Credentials c) {
        credentials.put(user, c);
    }

    /** TYPE and RSA public keys; {@link UserKeys#NONE} for a user that has none. */
    public UserKeys userKeys(String user) {
        return userKeys.getOrDefault(user, UserKeys.NONE);
    }

    public void setUserKeys(String user, UserKeys keys) {
        userKeys.put(user, keys);
    }

    /** The user's DEFAULT_WAREHOUSE, or null. A name only: the warehouse need not exist (as in Snowflake). */
    public String defaultWarehouse(String user) {
        return defaultWarehouses.get(user);
    }

    public void setDefaultWarehouse(String user, String warehouse) {
        if (warehouse == null) {
            defaultWarehouses.remove(user);
        } else {
            defaultWarehouses.put(user, warehouse);
        }
    }

    // ---- grants

    public List<PrivilegeGrant> grants() {
        return List.copyOf(grants);
    }

    public List<PrivilegeGrant> grants(Predicate<PrivilegeGrant> filter) {
        return grants.stream().filter(filter).toList();
    }

    public void addGrant(PrivilegeGrant grant) {
        grants.add(grant);
    }

    public void replaceGrant(PrivilegeGrant old, PrivilegeGrant replacement) {
        grants.set(grants.indexOf(old), replacement);
    }

    public int removeGrants(Predicate<PrivilegeGrant> filter) {
        int before = grants.size();
        grants.removeIf(filter);
        return before - grants.size();
    }

    public List<RoleGrant> roleGrants() {
        return List.copyOf(roleGrants);
    }

    public void addRoleGrant(RoleGrant grant) {
        roleGrants.add(grant);
    }

    public void removeRoleGrants(Predicate<RoleGrant> filter) {
        roleGrants.removeIf(filter);
    }

    public List<FutureGrant> futureGrants() {
        return List.copyOf(futureGrants);
    }

    public void addFutureGrant(FutureGrant grant) {
        futureGrants.add(grant);
    }

    public void removeFutureGrants(Predicate<FutureGrant> filter) {
        futureGrants.removeIf(filter);
    }

    // ---- data

    public List<List<Object>> rows(ObjectRef table) {
        return rows.computeIfAbsent(table, t -> new ArrayList<>());
    }

    // ---- snapshots

    public AccountState snapshot() {
        List<AccountState.TableRows> tableRows = new ArrayList<>();
        rows.forEach((table, r) -> tableRows.add(new AccountState.TableRows(table, List.copyOf(r))));
        return new AccountState(name, List.copyOf(objects.values()), Map.copyOf(credentials), List.copyOf(grants),
                List.copyOf(roleGrants), List.copyOf(futureGrants), tableRows, Map.copyOf(userKeys),
                Map.copyOf(defaultWarehouses));
    }

    public static Account restore(AccountState state) {
        Account account = new Account(state.accountName());
        state.objects().forEach(account::put);
        account.credentials.putAll(state.credentials());
        if (state.userKeys() != null) { // absent from state files written before key-pair login
            account.userKeys.putAll(state.userKeys());
        }
        account.grants.addAll(state.grants());
        account.roleGrants.addAll(state.roleGrants());
        account.futureGrants.addAll(state.futureGrants());
        if (state.defaultWarehouses() != null) {
            // null in a state file written before warehouses were modelled
            account.defaultWarehouses.putAll(state.defaultWarehouses());
        }
        for (AccountState.TableRows t : state.rows()) {
            List<List<Object>> copy = new ArrayList<>();
            t.rows().forEach(r -> copy.add(new ArrayList<>(r)));
            account.rows.put(t.table(), copy);
        }
        account.lastTimestamp = state.objects().stream().mapToLong(SecurableObject::createdOn).max().orElse(0);
        return account;
    }
}
