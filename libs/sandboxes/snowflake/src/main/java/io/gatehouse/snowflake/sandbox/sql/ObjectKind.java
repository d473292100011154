package io.gatehouse.snowflake.sandbox.sql;

/** The securable object types of the supported subset, spelled as Snowflake prints them in SHOW GRANTS. */
public enum ObjectKind {
    ACCOUNT, DATABASE, SCHEMA, TABLE, ROLE, USER, WAREHOUSE
}
