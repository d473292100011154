package io.gatehouse.snowflake.sandbox.sql;

/**
 * {@code CREATE WAREHOUSE [IF NOT EXISTS] name [[WITH] WAREHOUSE_SIZE = ... AUTO_SUSPEND = ... COMMENT = '...']}
 * after CREATE WAREHOUSE (docs.snowflake.com/en/sql-reference/sql/create-warehouse). Sizing properties are
 * accepted because clients send them; the sandbox has no compute to size.
 */
final class WarehouseParser {

    private final TokenStream in;

    WarehouseParser(TokenStream in) {
        this.in = in;
    }

    Statement create() {
        boolean ifNotExists = in.ifNotExists();
        String name = in.identifier();
        in.acceptWord("WITH");
        return new Statement.CreateWarehouse(name, ifNotExists, in.properties());
    }
}
