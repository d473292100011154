package io.gatehouse.grant.domain;

import io.gatehouse.naming.Identifier;

/**
 * One fact about a managed role that must hold in Snowflake, and that the applied ledger records once done.
 * Each belongs to exactly one role's state: what the role holds, or where the role itself is granted.
 */
public sealed interface Grant {

    /** The role exists ({@code CREATE ROLE IF NOT EXISTS}; dropped only when its state says so). */
    record RoleExists() implements Grant {
    }

    /** A managed-access schema the role's grants live in, created (never dropped) by the service role. */
    record ManagedSchema(String database, String schema) implements Grant {
        public ManagedSchema {
            Identifier.validate("database", database);
            Identifier.validate("schema", schema);
        }
    }

    /** A privilege held by the role; USAGE on a ROLE is "that role is granted to this role", as SHOW GRANTS prints it. */
    record Privilege(String privilege, Securable on) implements Grant {
    }

    /** The role itself is granted to a parent role or to a Snowflake user. */
    record GrantedTo(Grantee grantee, String name) implements Grant {
        public GrantedTo {
            Identifier.validate("grantee", name);
        }
    }

    /**
     * The user's session defaults point at this (user) role: {@code ALTER USER SET DEFAULT_ROLE} to it and
     * {@code DEFAULT_WAREHOUSE} to {@code warehouse}, or no default warehouse when that is null. A user has one
     * set of defaults, so new ones replace the old rather than being added next to them.
     */
    record UserDefaults(String login, String warehouse) implements Grant {
        public UserDefaults {
            Identifier.validate("login", login);
            if (warehouse != null) {
                Identifier.validate("warehouse", warehouse);
            }
        }
    }

    enum Grantee {
        ROLE,
        USER
    }
}
