package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.Privileges;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.sql.ColumnDefinition;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SELECT and INSERT on tables: the data-access check. Reading a table needs USAGE on its database and schema
 * and SELECT on the table, through the active role's hierarchy (access-control-considerations).
 */
final class DataStatements {

    private DataStatements() {
    }

    /** The privilege checks come first: Snowflake compiles (and authorises) a query before it needs compute. */
    static Result select(Context c, Statement.SelectFrom s) {
        ObjectRef table = checkedTable(c, c.table(s.table(), "SELECT"), Privileges.SELECT);
        c.requireWarehouse();
        return new RowSelection(table, c.account().find(table).orElseThrow().columns()).run(s, c.account().rows(table));
    }

    static Result insert(Context c, Statement.Insert s) {
        ObjectRef table = checkedTable(c, c.table(s.table(), "INSERT"), Privileges.INSERT);
        c.requireWarehouse();
        List<ColumnDefinition> columns = c.account().find(table).orElseThrow().columns();
        int width = columns.size();
        List<List<Object>> converted = new ArrayList<>();
        for (List<Object> row : s.rows()) {
            if (row.size() != width) {
                throw new SqlException("002020", "21S01", "SQL compilation error:\nInsert value list does not match"
                        + " column list expecting " + width + " but got " + row.size());
            }
            converted.add(ColumnValues.convert(columns, row));
        }
        c.account().rows(table).addAll(converted);
        return new Result(List.of(Column.fixed("number of rows inserted")),
                List.of(List.of(String.valueOf(s.rows().size()))), Result.INSERT);
    }

    /**
     * Missing database or schema USAGE: the container "does not exist or not authorized". A table the role has
     * no privilege on at all is reported as not existing (42S02); one it can see but lacks the privilege on
     * gives 003001 insufficient privileges.
     */
    private static ObjectRef checkedTable(Context c, ObjectRef table, String privilege) {
        c.requireUsage(table.parentDatabase());
        c.requireUsage(table.parentSchema());
        SecurableObject object = c.account().find(table).orElse(null);
        if (object == null || !c.access().hasAnyPrivilege(c.roles(), table)) {
            throw SqlException.tableNotFound(table.display());
        }
        if (!c.access().hasPrivilege(c.roles(), table, privilege)) {
            throw SqlException.insufficientPrivileges(table.kind().name().toLowerCase(Locale.ROOT), table.name());
        }
        return table;
    }
}
