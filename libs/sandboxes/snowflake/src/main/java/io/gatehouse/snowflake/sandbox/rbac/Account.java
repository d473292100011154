package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.state.AccountState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    /**
     * The same grants by grantee, and the role grants by role and by grantee, each list in the order of the lists
     * above: SHOW GRANTS TO / OF and every statement's role hierarchy read one role's grants, and a scan of all of
     * them for each made an account of thousands of roles quadratic (a drift scan of 10,000 roles).
     */
    private final Map<String, List<PrivilegeGrant>> grantsByGrantee = new HashMap<>();
    private final Map<String, List<RoleGrant>> roleGrantsByRole = new HashMap<>();
    private final Map<Grantee, List<RoleGrant>> roleGrantsByGrantee = new HashMap<>();
    private final List<FutureGrant> futureGrants = new ArrayList<>();
    private final Map<ObjectRef, List<List<Object>>> rows = new LinkedHashMap<>();
    /**
     * DEFAULT_WAREHOUSE per user. Kept beside the credentials rather than in them: it decides where a session
     * lands, not who may log in.
     */
    private final Map<String, String> defaultWarehouses = new LinkedHashMap<>();
    private long lastTimestamp;

    /** Who a role grant is granted to: a role or a user. */
    private record Grantee(ObjectKind kind, String name) {
        static Grantee of(RoleGrant g) {
            return new Grantee(g.granteeKind(), g.grantee());
        }
    }

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

    /** The objects the role owns, kind by kind ({@link ObjectKind} order), each kind in {@link #objects} order. */
    public List<SecurableObject> ownedBy(String role) {
        List<SecurableObject> owned = new ArrayList<>();
        for (SecurableObject o : objects.values()) {
            if (role.equals(o.owner())) {
                owned.add(o);
            }
        }
        owned.sort(Comparator.comparing((SecurableObject o) -> o.ref().kind())); // stable: the map's order within a kind
        return owned;
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
        removeGrants(g -> doomed.contains(g.on()));
        futureGrants.removeIf(f -> doomed.contains(f.container()));
        if (ref.kind() == ObjectKind.ROLE) {
            removeGrants(g -> g.grantee().equals(ref.name()));
            futureGrants.removeIf(f -> f.grantee().equals(ref.name()));
            removeRoleGrants(rg -> rg.role().equals(ref.name())
                    || rg.granteeKind() == ObjectKind.ROLE && rg.grantee().equals(ref.name()));
        }
        if (ref.kind() == ObjectKind.USER) {
            removeRoleGrants(rg -> rg.granteeKind() == ObjectKind.USER && rg.grantee().equals(ref.name()));
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

    /** The privileges granted to the role, in {@link #grants()} order. */
    public List<PrivilegeGrant> grantsTo(String grantee) {
        return List.copyOf(grantsByGrantee.getOrDefault(grantee, List.of()));
    }

    public void addGrant(PrivilegeGrant grant) {
        grants.add(grant);
        grantsByGrantee.computeIfAbsent(grant.grantee(), g -> new ArrayList<>()).add(grant);
    }

    /** Replaces a grant in place (its position, so its order in SHOW output, stays); the grantee must stay too. */
    public void replaceGrant(PrivilegeGrant old, PrivilegeGrant replacement) {
        if (!old.grantee().equals(replacement.grantee())) {
            throw new IllegalArgumentException("a replaced grant keeps its grantee: " + old + ", " + replacement);
        }
        grants.set(grants.indexOf(old), replacement);
        List<PrivilegeGrant> ofGrantee = grantsByGrantee.get(old.grantee());
        ofGrantee.set(ofGrantee.indexOf(old), replacement);
    }

    public int removeGrants(Predicate<PrivilegeGrant> filter) {
        List<PrivilegeGrant> removed = new ArrayList<>();
        grants.removeIf(g -> filter.test(g) && removed.add(g));
        for (PrivilegeGrant g : removed) {
            unindex(grantsByGrantee, g.grantee(), g);
        }
        return removed.size();
    }

    public List<RoleGrant> roleGrants() {
        return List.copyOf(roleGrants);
    }

    /** The grants of the role (to roles and users), in {@link #roleGrants()} order. */
    public List<RoleGrant> roleGrantsOf(String role) {
        return List.copyOf(roleGrantsByRole.getOrDefault(role, List.of()));
    }

    /** The roles granted to the role or user, in {@link #roleGrants()} order. */
    public List<RoleGrant> roleGrantsTo(ObjectKind granteeKind, String grantee) {
        return List.copyOf(roleGrantsByGrantee.getOrDefault(new Grantee(granteeKind, grantee), List.of()));
    }

    public void addRoleGrant(RoleGrant grant) {
        roleGrants.add(grant);
        roleGrantsByRole.computeIfAbsent(grant.role(), r -> new ArrayList<>()).add(grant);
        roleGrantsByGrantee.computeIfAbsent(Grantee.of(grant), g -> new ArrayList<>()).add(grant);
    }

    public void removeRoleGrants(Predicate<RoleGrant> filter) {
        List<RoleGrant> removed = new ArrayList<>();
        roleGrants.removeIf(g -> filter.test(g) && removed.add(g));
        for (RoleGrant g : removed) {
            unindex(roleGrantsByRole, g.role(), g);
            unindex(roleGrantsByGrantee, Grantee.of(g), g);
        }
    }

    /** Takes one occurrence of {@code grant} out of its key's list (equal grants are interchangeable there). */
    private static <K, G> void unindex(Map<K, List<G>> index, K key, G grant) {
        List<G> list = index.get(key);
        list.remove(grant);
        if (list.isEmpty()) {
            index.remove(key);
        }
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
        state.grants().forEach(account::addGrant);
        state.roleGrants().forEach(account::addRoleGrant);
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
