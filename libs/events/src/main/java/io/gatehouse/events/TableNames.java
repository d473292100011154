package io.gatehouse.events;

/** The catalog stream's key for a table. */
final class TableNames {

    private TableNames() {
    }

    static String qualified(String database, String schema, String table) {
        return database + "." + schema + "." + table;
    }
}
