package io.gatehouse.grant.domain;

import io.gatehouse.grant.domain.Grant.GrantedTo;
import io.gatehouse.grant.domain.Grant.ManagedSchema;
import io.gatehouse.grant.domain.Grant.Privilege;
import io.gatehouse.grant.domain.Grant.RoleExists;
import io.gatehouse.grant.domain.Grant.UserDefaults;
import io.gatehouse.naming.Identifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Diffs the desired state of the affected roles against the applied ledger and emits only the difference,
 * ordered: create roles, create managed schemas, revoke (tables before schemas before databases, memberships
 * first), grant (parent first, warehouses and databases before schemas before tables, roles held, the user, then the
 * user's defaults pointing at the role), drop schemas asked to go with their role, drop roles (a user's defaults unset
 * first, so DEFAULT_ROLE never names a dropped role).
 *
 * <p>Vocabulary: USAGE (databases, schemas, warehouses, roles held), SELECT / INSERT / UPDATE / DELETE / TRUNCATE
 * (tables, all and future tables), CREATE TABLE / CREATE VIEW (schemas); and ALTER USER SET / UNSET DEFAULT_ROLE,
 * DEFAULT_WAREHOUSE for a user role's user.
 *
 * <p>A role the affected roles hold but that was never created joins the plan with its whole state, so
 * "create before grant" holds across roles. Every statement is checked against the managed prefix: the planner
 * refuses to touch a role outside it, and grants to a system role only the configured parent.
 */
public final class Planner {

    private static final Set<String> PRIVILEGES = Set.of("USAGE", "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "CREATE TABLE", "CREATE VIEW");
    private static final int CREATE = 0;
    private static final int SCHEMA = 10;
    private static final int REVOKE = 20;
    private static final int GRANT = 40;
    private static final int DROP = 60;

    private final DesiredState desired;

    public Planner(DesiredState desired) {
        this.desired = desired;
    }

    /** The ordered statements bringing {@code affected} (and roles they need) from {@code applied} to desired. */
    public List<Statement> plan(List<ManagedRole> affected, Function<String, Set<Grant>> applied) {
        Map<String, RoleState> states = new LinkedHashMap<>();
        Deque<ManagedRole> queue = new ArrayDeque<>(affected);
        Set<ManagedRole> seen = new HashSet<>(affected);
        while (!queue.isEmpty()) {
            ManagedRole role = queue.poll();
            RoleState state = desired.state(role);
            states.put(state.role(), state);
            if (!state.exists()) {
                continue;
            }
            for (ManagedRole held : desired.holds(role)) {
                if (seen.add(held) && !applied.apply(held.roleName(desired.names())).contains(new RoleExists())) {
                    queue.add(held);
                }
            }
        }
        return diff(new ArrayList<>(states.values()), applied);
    }

    /** The ordered statements bringing each role from {@code applied} to its given state. */
    public List<Statement> diff(List<RoleState> states, Function<String, Set<Grant>> applied) {
        List<Statement> out = new ArrayList<>();
        for (RoleState state : states) {
            Set<Grant> done = applied.apply(state.role());
            if (!state.exists()) {
                done.stream().filter(UserDefaults.class::isInstance)
                        .forEach(g -> out.add(revoke(state.role(), g)));
                if (!done.isEmpty()) {
                    out.add(statement(state.role(), "DROP ROLE IF EXISTS " + q(state.role()), new RoleExists(), false, DROP));
                }
                // an absent role's grants are what goes with it: a managed schema Gatehouse created (in its ledger)
                for (Grant g : state.grants()) {
                    if (g instanceof ManagedSchema s && done.contains(g)) {
                        out.add(statement(state.role(), "DROP SCHEMA IF EXISTS "
                                + new SchemaRef(s.database(), s.schema()).qualified(), g, false, DROP - 1));
                    }
                }
                continue;
            }
            for (Grant g : state.grants()) {
                if (!done.contains(g)) {
                    out.add(grant(state.role(), g));
                }
            }
            for (Grant g : done) {
                if (g instanceof UserDefaults d && overwrites(state, d)) {
                    continue;
                }
                if (!state.grants().contains(g) && !(g instanceof ManagedSchema)) {
                    out.add(revoke(state.role(), g));
                }
            }
        }
        // a role's place by a map, not a list search: a shared schema's plan sorts thousands of statements of
        // thousands of roles
        Map<String, Integer> order = new HashMap<>();
        states.forEach(state -> order.putIfAbsent(state.role(), order.size()));
        out.sort(Comparator.comparingInt(Statement::phase)
                .thenComparingInt(s -> order.getOrDefault(s.role(), -1))
                .thenComparing(Statement::sql));
        return out;
    }

    /**
     * New defaults overwrite the applied ones with their one ALTER USER SET, unless the old named a warehouse and the
     * new none: SET cannot clear it, so the old ones are unset first.
     */
    private static boolean overwrites(RoleState state, UserDefaults old) {
        return state.grants().stream().filter(UserDefaults.class::isInstance).map(UserDefaults.class::cast)
                .anyMatch(n -> n.warehouse() != null || old.warehouse() == null);
    }

    private Statement grant(String role, Grant g) {
        if (g instanceof RoleExists) {
            return statement(role, "CREATE ROLE IF NOT EXISTS " + q(role), g, true, CREATE);
        } else if (g instanceof ManagedSchema s) {
            return statement(role, "CREATE SCHEMA IF NOT EXISTS " + new SchemaRef(s.database(), s.schema()).qualified()
                    + " WITH MANAGED ACCESS", g, true, SCHEMA);
        } else if (g instanceof Privilege p && p.on().type() == Securable.Type.ROLE) {
            return statement(role, "GRANT ROLE " + heldRole(p) + " TO ROLE " + q(role), g, true, GRANT + 5);
        } else if (g instanceof UserDefaults d) {
            return statement(role, "ALTER USER " + q(d.login()) + " SET DEFAULT_ROLE = " + q(role)
                    + (d.warehouse() == null ? "" : " DEFAULT_WAREHOUSE = " + q(d.warehouse())), g, true, GRANT + 10);
        } else if (g instanceof Privilege p) {
            return statement(role, "GRANT " + privilege(p) + " ON " + p.on().sql() + " TO ROLE " + q(role),
                    g, true, GRANT + depth(p.on()));
        }
        GrantedTo t = (GrantedTo) g;
        return statement(role, "GRANT ROLE " + q(role) + " TO " + t.grantee() + " " + grantee(t), g, true,
                t.grantee() == Grant.Grantee.ROLE ? GRANT : GRANT + 9);
    }

    private Statement revoke(String role, Grant g) {
        if (g instanceof RoleExists || g instanceof ManagedSchema) {
            throw new IllegalStateException("a live role keeps its existence and managed schemas are never dropped");
        } else if (g instanceof Privilege p && p.on().type() == Securable.Type.ROLE) {
            return statement(role, "REVOKE ROLE " + heldRole(p) + " FROM ROLE " + q(role), g, false, REVOKE + 1);
        } else if (g instanceof UserDefaults d) {
            // before REVOKE ROLE ... FROM USER (phase REVOKE) and any DROP ROLE; a user deleted meanwhile has no
            // defaults left to clear, and must not hold up the drop of its role
            return statement(role, "ALTER USER IF EXISTS " + q(d.login()) + " UNSET DEFAULT_ROLE, DEFAULT_WAREHOUSE", g,
                    false, REVOKE - 1);
        } else if (g instanceof Privilege p) {
            return statement(role, "REVOKE " + privilege(p) + " ON " + p.on().sql() + " FROM ROLE " + q(role),
                    g, false, REVOKE + 10 - depth(p.on()));
        }
        GrantedTo t = (GrantedTo) g;
        return statement(role, "REVOKE ROLE " + q(role) + " FROM " + t.grantee() + " " + grantee(t), g, false, REVOKE);
    }

    private Statement statement(String role, String sql, Grant g, boolean adds, int phase) {
        if (!desired.names().isManaged(role)) {
            throw new IllegalStateException("refusing to change role " + role + ": outside the managed prefix");
        }
        return new Statement(role, sql, g, adds, phase);
    }

    /**
     * Whether this planner could revoke {@code g} from a managed role: a held role outside the managed prefix
     * (say SYSADMIN granted by hand) or a privilege outside Gatehouse's vocabulary is not its to change, and
     * drift reports it for an operator instead.
     */
    public boolean expresses(Grant g) {
        if (g instanceof Privilege p && p.on().type() == Securable.Type.ROLE) {
            return desired.names().isManaged(p.on().parts().get(0)) && "USAGE".equals(p.privilege());
        }
        return !(g instanceof Privilege p) || PRIVILEGES.contains(p.privilege());
    }

    private String heldRole(Privilege p) {
        String held = p.on().parts().get(0);
        if (!desired.names().isManaged(held) || !"USAGE".equals(p.privilege())) {
            throw new IllegalStateException("refusing to grant role " + held + ": outside the managed prefix");
        }
        return q(held);
    }

    private String grantee(GrantedTo t) {
        if (t.grantee() == Grant.Grantee.ROLE && !t.name().equals(desired.parent())) {
            throw new IllegalStateException("a managed role is granted only to the parent " + desired.parent());
        }
        return q(t.name());
    }

    private static String privilege(Privilege p) {
        if (!PRIVILEGES.contains(p.privilege())) {
            throw new IllegalStateException("privilege not in Gatehouse's vocabulary: " + p.privilege());
        }
        return p.privilege();
    }

    private static int depth(Securable on) {
        switch (on.type()) {
            case DATABASE:
            case WAREHOUSE:
                return 1;
            case SCHEMA:
                return 2;
            case ROLE:
                return 5;
            default:
                return 3;
        }
    }

    private static String q(String name) {
        return Identifier.quote(name);
    }
}
