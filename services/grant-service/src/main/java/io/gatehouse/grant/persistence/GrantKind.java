package io.gatehouse.grant.persistence;

/** Which {@link io.gatehouse.grant.domain.Grant} a ledger row records; the other columns read according to it. */
public enum GrantKind {
    /** The role exists. */
    ROLE,
    /** A managed-access schema: {@code object_name} is its qualified name. */
    SCHEMA,
    /** A privilege: {@code object_type} is the securable's type, {@code object_name} its qualified name. */
    PRIVILEGE,
    /** The role granted to a role or user: {@code object_type} is the grantee kind, {@code object_name} its name. */
    GRANTED_TO,
    /**
     * A user's defaults ({@link io.gatehouse.grant.domain.Grant.UserDefaults}): {@code object_type} is {@code USER},
     * {@code object_name} the quoted login followed by {@code .} and the quoted default warehouse when there is one.
     */
    USER_DEFAULTS
}
