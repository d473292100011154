package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** USE ROLE / DATABASE / SCHEMA and the context functions (CURRENT_ROLE() and friends). */
final class SessionStatements {

    private static final String OK = "Statement executed successfully.";

    private SessionStatements() {
    }

    /**
     * USE ROLE: only a role granted to the user, directly or through the hierarchy (or PUBLIC). Snowflake
     * reports any other role as not existing.
     */
    static Result useRole(Context c, Statement.UseRole s) {
        if (!c.account().exists(ObjectRef.role(s.role())) || !c.access().userRoles(c.session().user()).contains(s.role())) {
            throw SqlException.notFound("Role", s.role());
        }
        c.session().role(s.role());
        return Result.status(OK, Result.USE);
    }

    static Result useDatabase(Context c, Statement.UseDatabase s) {
        ObjectRef db = ObjectRef.database(s.database());
        c.access().requireVisible(c.roles(), db);
        c.session().database(s.database());
        c.session().schema(c.account().exists(ObjectRef.schema(s.database(), "PUBLIC")) ? "PUBLIC" : null);
        return Result.status(OK, Result.USE);
    }

    static Result useSchema(Context c, Statement.UseSchema s) {
        ObjectRef schema = c.schema(s.schema(), "USE SCHEMA");
        c.access().requireVisible(c.roles(), schema.parentDatabase());
        c.access().requireVisible(c.roles(), schema);
        c.session().database(schema.database());
        c.session().schema(schema.name());
        return Result.status(OK, Result.USE);
    }

    static Result selectValues(Context c, Statement.SelectValues s) {
        List<Column> columns = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (Statement.SelectItem item : s.items()) {
            if (item.function() == null) {
                columns.add(item.literal() instanceof String ? Column.text(item.label()) : Column.fixed(item.label()));
                row.add(Result.text(item.literal()));
                continue;
            }
            columns.add(Column.text(item.label()));
            row.add(switch (item.function()) {
                case "CURRENT_ROLE" -> c.role();
                case "CURRENT_USER" -> c.session().user();
                case "CURRENT_DATABASE" -> c.session().database();
                case "CURRENT_SCHEMA" -> c.session().schema();
                case "CURRENT_WAREHOUSE" -> c.session().warehouse();
                case "CURRENT_ACCOUNT", "CURRENT_ACCOUNT_NAME" -> c.account().name();
                case "CURRENT_VERSION" -> "9.99.0";
                case "CURRENT_AVAILABLE_ROLES" -> availableRoles(c);
                default -> throw new SqlException("002140", "42601",
                        "SQL compilation error:\nUnknown function " + item.function());
            });
        }
        return new Result(columns, List.of(row), Result.SELECT);
    }

    /** A JSON array of the roles the user may activate, as CURRENT_AVAILABLE_ROLES() returns. */
    private static String availableRoles(Context c) {
        StringBuilder sb = new StringBuilder("[");
        for (String r : c.access().userRoles(c.session().user())) {
            sb.append(sb.length() > 1 ? "," : "").append('"').append(r.replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
