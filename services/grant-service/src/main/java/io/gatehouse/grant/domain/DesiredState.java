package io.gatehouse.grant.domain;

import io.gatehouse.grant.domain.Grant.GrantedTo;
import io.gatehouse.grant.domain.Grant.Grantee;
import io.gatehouse.grant.domain.Grant.ManagedSchema;
import io.gatehouse.grant.domain.Grant.Privilege;
import io.gatehouse.grant.domain.Grant.RoleExists;
import io.gatehouse.grant.domain.Grant.UserDefaults;
import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.RoleNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What must hold in Snowflake for each managed role, from the facts (ARCHITECTURE.md, role model):
 * <ul>
 *   <li>table group: USAGE on each database and schema holding one of its tables, SELECT on each table;</li>
 *   <li>table-group write role (only while the group has writers): the group's read role, which brings the USAGE
 *       and SELECT a writer needs (UPDATE and DELETE read the rows they change), and INSERT/UPDATE/DELETE/TRUNCATE
 *       on each table;</li>
 *   <li>shared schema: the managed-access schema, USAGE on it and its database, CREATE TABLE/VIEW on it,
 *       SELECT/INSERT/UPDATE/DELETE/TRUNCATE on all its tables and its future tables, USAGE on its warehouse;</li>
 *   <li>business public: the roles of the groups published in the business, USAGE on its warehouse (its own, else
 *       the configured default);</li>
 *   <li>user: the roles of its businesses, shared schemas, direct groups and write roles, itself granted to the
 *       user, and the user's defaults: DEFAULT_ROLE this role, DEFAULT_WAREHOUSE {@link #defaultWarehouseOf(String)}.</li>
 * </ul>
 * Every role is granted to the parent. An empty user role stays (no data access) unless configured to drop.
 */
public final class DesiredState {

    public static final List<String> SHARED_TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE");
    public static final List<String> WRITE_PRIVILEGES = List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE");

    private final Facts facts;
    private final RoleNames names;
    private final String parent;
    private final boolean dropEmptyUserRoles;
    private final Optional<String> defaultWarehouse;

    public DesiredState(Facts facts, RoleNames names, String parent, boolean dropEmptyUserRoles) {
        this(facts, names, parent, dropEmptyUserRoles, Optional.empty());
    }

    /** {@code defaultWarehouse}: the warehouse of a business the platform team gave none. */
    public DesiredState(Facts facts, RoleNames names, String parent, boolean dropEmptyUserRoles,
                        Optional<String> defaultWarehouse) {
        this.facts = facts;
        this.names = names;
        this.parent = Identifier.validate("parent role", parent);
        this.dropEmptyUserRoles = dropEmptyUserRoles;
        this.defaultWarehouse = defaultWarehouse.map(w -> Identifier.validate("default warehouse", w));
    }

    public RoleNames names() {
        return names;
    }

    public String parent() {
        return parent;
    }

    public RoleState state(ManagedRole role) {
        String name = role.roleName(names);
        if (role instanceof ManagedRole.User u) {
            return user(name, u.login());
        } else if (role instanceof ManagedRole.Business b) {
            return facts.businessKnown(b.business()) ? business(name, b.business()) : RoleState.absent(name);
        } else if (role instanceof ManagedRole.Group g) {
            return facts.groupKnown(g.group()) ? group(name, g.group()) : RoleState.absent(name);
        } else if (role instanceof ManagedRole.GroupWrite w) {
            return facts.groupKnown(w.group()) && !facts.writersOf(w.group()).isEmpty()
                    ? groupWrite(name, w) : RoleState.absent(name);
        }
        ManagedRole.SharedSchema s = (ManagedRole.SharedSchema) role;
        SchemaRef ref = new SchemaRef(s.database(), s.schema());
        if (facts.sharedSchemaKnown(ref)) {
            return shared(name, s);
        }
        return facts.schemaToDrop(ref)
                ? new RoleState(name, false, Set.of(new ManagedSchema(s.database(), s.schema())))
                : RoleState.absent(name);
    }

    /** The managed roles this role holds (granted to it), which must exist before it can hold them. */
    public List<ManagedRole> holds(ManagedRole role) {
        List<ManagedRole> held = new ArrayList<>();
        if (role instanceof ManagedRole.User u) {
            facts.businessesOf(u.login()).forEach(b -> held.add(new ManagedRole.Business(b)));
            facts.sharedSchemasOf(u.login()).forEach(s -> held.add(new ManagedRole.SharedSchema(s.database(), s.schema())));
            facts.directGroupsOf(u.login()).forEach(g -> held.add(new ManagedRole.Group(g)));
            facts.writeGroupsOf(u.login()).forEach(g -> held.add(new ManagedRole.GroupWrite(g)));
        } else if (role instanceof ManagedRole.GroupWrite w) {
            held.add(new ManagedRole.Group(w.group()));
        } else if (role instanceof ManagedRole.Business b) {
            facts.groupsPublishedIn(b.business()).forEach(g -> held.add(new ManagedRole.Group(g)));
        }
        return held;
    }

    private RoleState user(String name, String login) {
        if (!facts.userKnown(login)) {
            return RoleState.absent(name);
        }
        List<ManagedRole> held = holds(new ManagedRole.User(login));
        if (held.isEmpty() && dropEmptyUserRoles) {
            return RoleState.absent(name);
        }
        Set<Grant> grants = roles(held);
        grants.add(new GrantedTo(Grantee.USER, RoleNames.userObject(login)));
        grants.add(new UserDefaults(RoleNames.userObject(login), defaultWarehouseOf(login).orElse(null)));
        return withBase(name, grants);
    }

    /**
     * The user's DEFAULT_WAREHOUSE, one deterministic pick: the warehouse of the first of its businesses (by name)
     * that has one, its own or the configured default; failing that, of its first shared schema (by database, then
     * schema) that has one; else none. The user role holds USAGE on it through that business or schema role.
     */
    public Optional<String> defaultWarehouseOf(String login) {
        for (String b : facts.businessesOf(login).stream().sorted().toList()) {
            Optional<String> w = warehouseOf(b);
            if (w.isPresent()) {
                return w;
            }
        }
        return facts.sharedSchemasOf(login).stream()
                .sorted(Comparator.comparing(SchemaRef::database).thenComparing(SchemaRef::schema))
                .map(facts::warehouseOf).flatMap(Optional::stream).findFirst();
    }

    /** The business's own warehouse, else the configured default. */
    public Optional<String> warehouseOf(String business) {
        return facts.warehouseOf(business).or(() -> defaultWarehouse);
    }

    private RoleState business(String name, String business) {
        Set<Grant> grants = roles(holds(new ManagedRole.Business(business)));
        warehouseOf(business).ifPresent(w -> grants.add(new Privilege("USAGE", Securable.warehouse(w))));
        return withBase(name, grants);
    }

    private RoleState group(String name, String group) {
        Set<Grant> grants = new HashSet<>();
        for (TableRef t : facts.tablesOf(group)) {
            grants.add(new Privilege("USAGE", Securable.database(t.database())));
            grants.add(new Privilege("USAGE", Securable.schema(t.database(), t.schema())));
            grants.add(new Privilege("SELECT", Securable.table(t.database(), t.schema(), t.table())));
        }
        return withBase(name, grants);
    }

    private RoleState groupWrite(String name, ManagedRole.GroupWrite w) {
        Set<Grant> grants = roles(holds(w));
        for (TableRef t : facts.tablesOf(w.group())) {
            for (String p : WRITE_PRIVILEGES) {
                grants.add(new Privilege(p, Securable.table(t.database(), t.schema(), t.table())));
            }
        }
        return withBase(name, grants);
    }

    private RoleState shared(String name, ManagedRole.SharedSchema s) {
        Set<Grant> grants = new HashSet<>();
        grants.add(new ManagedSchema(s.database(), s.schema()));
        grants.add(new Privilege("USAGE", Securable.database(s.database())));
        for (String p : List.of("USAGE", "CREATE TABLE", "CREATE VIEW")) {
            grants.add(new Privilege(p, Securable.schema(s.database(), s.schema())));
        }
        List<String> schema = List.of(s.database(), s.schema());
        for (String p : SHARED_TABLE_PRIVILEGES) {
            grants.add(new Privilege(p, new Securable(Securable.Type.ALL_TABLES_IN_SCHEMA, schema)));
            grants.add(new Privilege(p, new Securable(Securable.Type.FUTURE_TABLES_IN_SCHEMA, schema)));
        }
        facts.warehouseOf(new SchemaRef(s.database(), s.schema()))
                .ifPresent(w -> grants.add(new Privilege("USAGE", Securable.warehouse(w))));
        return withBase(name, grants);
    }

    private Set<Grant> roles(List<ManagedRole> held) {
        Set<Grant> grants = new HashSet<>();
        held.forEach(r -> grants.add(new Privilege("USAGE", Securable.role(r.roleName(names)))));
        return grants;
    }

    private RoleState withBase(String name, Set<Grant> grants) {
        Set<Grant> all = new HashSet<>(grants);
        all.add(new RoleExists());
        all.add(new GrantedTo(Grantee.ROLE, parent));
        return new RoleState(name, true, all);
    }
}
