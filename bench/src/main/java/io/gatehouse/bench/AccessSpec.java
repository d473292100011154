package io.gatehouse.bench;

import io.gatehouse.bench.FullResync.Membership;
import io.gatehouse.bench.FullResync.Privilege;
import io.gatehouse.naming.RoleNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec a full re-sync tool is given, written out from the role model (docs: ARCHITECTURE.md, role model), not from
 * the grant-service's planner: one business with one table group published in it, and its members. Like a Permifrost
 * or Titan spec it names every role, every grant and every user's default role outright.
 *
 * <ul>
 *   <li>table-group role: USAGE on the table's database and schema, SELECT on the table;</li>
 *   <li>business-public role: the table-group role;</li>
 *   <li>user role (one per member): the business-public role, granted to the member's user, and the user's
 *       DEFAULT_ROLE (no warehouse: the business has none);</li>
 *   <li>every role granted to the parent, SYSADMIN.</li>
 * </ul>
 */
final class AccessSpec {

    private static final String PARENT = "SYSADMIN";

    private final RoleNames names;
    private final String business;
    private final String group;
    private final String database;
    private final String schema;
    private final String table;
    private final List<String> members;

    AccessSpec(RoleNames names, String business, String group, String database, String schema, String table,
               List<String> members) {
        this.names = names;
        this.business = business;
        this.group = group;
        this.database = database;
        this.schema = schema;
        this.table = table;
        this.members = List.copyOf(members);
    }

    /** The same spec with one more member. */
    AccessSpec with(String login) {
        List<String> more = new ArrayList<>(members);
        more.add(login);
        return new AccessSpec(names, business, group, database, schema, table, more);
    }

    String prefix() {
        return names.prefix();
    }

    /** Every managed role, table group and business first (created before what holds them). */
    Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>(List.of(names.tableGroup(group), names.business(business)));
        members.forEach(m -> roles.add(names.user(m)));
        return roles;
    }

    /** Every grant on or of a managed role. */
    Set<FullResync.Grant> grants() {
        String groupRole = names.tableGroup(group);
        String businessRole = names.business(business);
        Set<FullResync.Grant> grants = new HashSet<>();
        grants.add(new Privilege("USAGE", "DATABASE", database, groupRole));
        grants.add(new Privilege("USAGE", "SCHEMA", database + "." + schema, groupRole));
        grants.add(new Privilege("SELECT", "TABLE", database + "." + schema + "." + table, groupRole));
        grants.add(new Membership(groupRole, "ROLE", businessRole));
        for (String member : members) {
            grants.add(new Membership(businessRole, "ROLE", names.user(member)));
            grants.add(new Membership(names.user(member), "USER", RoleNames.userObject(member)));
        }
        roles().forEach(role -> grants.add(new Membership(role, "ROLE", PARENT)));
        return grants;
    }

    /** Each member's user and the DEFAULT_ROLE it lands in. */
    Map<String, String> defaultRoles() {
        Map<String, String> defaults = new LinkedHashMap<>();
        members.forEach(m -> defaults.put(RoleNames.userObject(m), names.user(m)));
        return defaults;
    }

    /** The grants one member's join adds (its user role's), to recognise the member in Snowflake. */
    Set<FullResync.Grant> memberGrants(String login) {
        String userRole = names.user(login);
        return Set.of(new Membership(names.business(business), "ROLE", userRole),
                new Membership(userRole, "USER", RoleNames.userObject(login)), new Membership(userRole, "ROLE", PARENT));
    }

    String userRole(String login) {
        return names.user(login);
    }
}
