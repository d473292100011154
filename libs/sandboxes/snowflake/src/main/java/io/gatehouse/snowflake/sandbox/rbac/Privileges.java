package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The privileges that exist per object type in the modelled subset
 * (docs.snowflake.com/en/user-guide/security-access-control-privileges). OWNERSHIP implies all of them.
 */
public final class Privileges {

    public static final String OWNERSHIP = "OWNERSHIP";
    public static final String USAGE = "USAGE";
    public static final String SELECT = "SELECT";
    public static final String INSERT = "INSERT";
    public static final String MANAGE_GRANTS = "MANAGE GRANTS";
    public static final String CREATE_ROLE = "CREATE ROLE";
    public static final String CREATE_USER = "CREATE USER";
    public static final String CREATE_DATABASE = "CREATE DATABASE";
    public static final String CREATE_WAREHOUSE = "CREATE WAREHOUSE";
    public static final String CREATE_SCHEMA = "CREATE SCHEMA";
    public static final String CREATE_TABLE = "CREATE TABLE";

    private static final Map<ObjectKind, List<String>> VALID = Map.of(
            ObjectKind.ACCOUNT, List.of(CREATE_ROLE, CREATE_USER, MANAGE_GRANTS, CREATE_DATABASE, CREATE_WAREHOUSE,
                    "MONITOR USAGE", "EXECUTE TASK", "APPLY MASKING POLICY", "IMPORTED PRIVILEGES"),
            ObjectKind.DATABASE, List.of(USAGE, "MONITOR", CREATE_SCHEMA, "MODIFY", "CREATE DATABASE ROLE"),
            ObjectKind.SCHEMA, List.of(USAGE, "MONITOR", CREATE_TABLE, "CREATE VIEW", "CREATE STAGE",
                    "CREATE FILE FORMAT", "CREATE SEQUENCE", "CREATE FUNCTION", "CREATE PIPE", "CREATE PROCEDURE",
                    "MODIFY"),
            ObjectKind.TABLE, List.of(SELECT, INSERT, "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "REBUILD"),
            ObjectKind.WAREHOUSE, List.of(USAGE, "OPERATE", "MONITOR", "MODIFY"),
            ObjectKind.ROLE, List.of(),
            ObjectKind.USER, List.of("MONITOR"));

    private Privileges() {
    }

    /**
     * Expands ALL [PRIVILEGES] and validates each privilege against the object type; an unknown
     * privilege is a compilation error as in Snowflake.
     */
    public static List<String> expand(List<String> requested, ObjectKind kind) {
        List<String> valid = VALID.get(kind);
        List<String> result = new ArrayList<>();
        for (String p : requested) {
            if (p.equals("ALL")) {
                result.addAll(valid);
            } else if (valid.contains(p)) {
                if (!result.contains(p)) {
                    result.add(p);
                }
            } else {
                throw new SqlException("003011", "42601",
                        "SQL compilation error:\nInvalid privilege " + p + " for " + kind + ".");
            }
        }
        return result;
    }
}
