package io.gatehouse.snowflake.sandbox.sql;

/** What a GRANT/REVOKE of privileges is applied to. */
public sealed interface GrantTarget {

    /** {@code ON ACCOUNT}: global privileges such as CREATE ROLE or MANAGE GRANTS. */
    record Account() implements GrantTarget {
    }

    /** {@code ON DATABASE d}, {@code ON SCHEMA d.s}, {@code ON TABLE d.s.t}, {@code ON WAREHOUSE w}. */
    record Single(ObjectKind kind, QualifiedName name) implements GrantTarget {
    }

    /** {@code ON ALL TABLES IN SCHEMA d.s}: expanded to one grant per table existing now. */
    record AllTablesInSchema(QualifiedName schema) implements GrantTarget {
    }

    /** {@code ON FUTURE TABLES IN SCHEMA d.s}: applied to tables created later in that schema. */
    record FutureTablesInSchema(QualifiedName schema) implements GrantTarget {
    }

    /** {@code ON FUTURE TABLES IN DATABASE d}: ignored for schemas that have their own table future grants. */
    record FutureTablesInDatabase(QualifiedName database) implements GrantTarget {
    }
}
