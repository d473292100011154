package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.sql.ColumnDefinition;
import java.util.List;

/**
 * A database, schema, table, role or user with its owner (the role holding OWNERSHIP; empty for the
 * system-defined roles). Only schemas use {@code managedAccess}; only tables use {@code columns}.
 */
public record SecurableObject(ObjectRef ref, String owner, long createdOn, boolean managedAccess,
                              List<ColumnDefinition> columns, String comment) {

    public SecurableObject {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public SecurableObject withOwner(String newOwner) {
        return new SecurableObject(ref, newOwner, createdOn, managedAccess, columns, comment);
    }
}
