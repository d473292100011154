package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.login.LoginProof;
import io.gatehouse.snowflake.sandbox.rbac.AccessControl;
import io.gatehouse.snowflake.sandbox.rbac.Account;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.sql.Parser;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import io.gatehouse.snowflake.sandbox.state.StateFile;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one SQL statement for a session. Statements are serialised on the account (each DDL statement is its
 * own transaction in Snowflake, so there is nothing to interleave); after each successful change the state
 * file, if any, is rewritten.
 */
public final class Engine {

    private final Object lock = new Object();
    private final StateFile stateFile;
    private Account account;
    private volatile boolean warehouseRequired;

    public Engine(Account account, StateFile stateFile) {
        this.account = account;
        this.stateFile = stateFile;
    }

    /** Replaces the whole account (reset), saving it when a state file is configured. */
    public void replaceAccount(Account fresh) {
        synchronized (lock) {
            this.account = fresh;
            save();
        }
    }

    /**
     * Whether statements that read or write rows need a usable current warehouse (Snowflake's 000606 without
     * one). Off by default only until Gatehouse grants warehouses; see SnowflakeSandbox.Builder#requireWarehouse.
     */
    public void requireWarehouse(boolean required) {
        this.warehouseRequired = required;
    }

    /** Runs {@code action} on the account under the statement lock. */
    public void withAccount(Consumer<Account> action) {
        synchronized (lock) {
            action.accept(account);
        }
    }

    /**
     * Checks a login (password or key-pair JWT, see {@link LoginProof}) and opens a session. Login names are
     * case-insensitive in Snowflake; the role, database, schema and warehouse from the connect string are identifiers (upper-cased unless quoted). A role not granted to the
     * user fails the login (390189); an unusable database, schema or warehouse is silently left unset, as
     * Snowflake does. Without a role or warehouse in the connect string the user's DEFAULT_ROLE (if the user holds
     * it, else PUBLIC) and DEFAULT_WAREHOUSE (if that role may use it) apply.
     */
    public Session login(String token, long id, String loginName, LoginProof proof, String role, String database,
                         String schema, String warehouse) {
        synchronized (lock) {
            AccessControl access = new AccessControl(account);
            String user = account.objects(io.gatehouse.snowflake.sandbox.sql.ObjectKind.USER).stream()
                    .map(o -> o.ref().name()).filter(n -> n.equalsIgnoreCase(loginName == null ? "" : loginName))
                    .findFirst().orElse(null);
            proof.check(account, user);
            String requested = identifier(role);
            if (requested == null) {
                requested = account.credentials(user).map(c -> c.defaultRole()).orElse(null);
            }
            java.util.Set<String> available = access.userRoles(user);
            String active;
            if (requested != null && available.contains(requested)) {
                active = requested;
            } else if (role != null) {
                throw new SqlException("390189", "08004", "Role '" + requested + "' specified in the connect string is"
                        + " not granted to this user. Contact your local system administrator, or attempt to login"
                        + " with another role, e.g. PUBLIC.");
            } else {
                active = io.gatehouse.snowflake.sandbox.rbac.SystemRoles.PUBLIC;
            }
            Session session = new Session(token, id, user, active);
            java.util.Set<String> roles = access.effectiveRoles(active);
            String db = identifier(database);
            if (db != null && account.exists(ObjectRef.database(db)) && access.hasAnyPrivilege(roles, ObjectRef.database(db))) {
                session.database(db);
                String sc = identifier(schema) == null ? "PUBLIC" : identifier(schema);
                if (account.exists(ObjectRef.schema(db, sc)) && access.hasAnyPrivilege(roles, ObjectRef.schema(db, sc))) {
                    session.schema(sc);
                }
            }
            String wh = identifier(warehouse) != null ? identifier(warehouse) : account.defaultWarehouse(user);
            if (WarehouseStatements.usable(access, roles, wh)) {
                session.warehouse(wh);
            }
            return session;
        }
    }

    /** Connect-string identifiers: quoted keeps case, otherwise upper case. */
    static String identifier(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\"\"", "\"");
        }
        return value.toUpperCase(java.util.Locale.ROOT);
    }

    /** Runs a driver statement. */
    public Result execute(Session session, String sql, List<String> bindings) {
        return execute(session, sql, bindings, warehouseRequired);
    }

    /** Runs a bootstrap statement (tests' setup as the admin), which needs no warehouse whatever the setting. */
    public Result executeWithoutWarehouse(Session session, String sql) {
        return execute(session, sql, List.of(), false);
    }

    private Result execute(Session session, String sql, List<String> bindings, boolean needsWarehouse) {
        Statement statement = Parser.parse(sql, bindings);
        synchronized (lock) {
            AccessControl access = new AccessControl(account);
            if (!account.exists(ObjectRef.user(session.user()))) {
                throw new SqlException("390111", "08001", "Session no longer exists.  New login required to access the service.");
            }
            if (!account.exists(ObjectRef.role(session.role()))) {
                // The active role was dropped under the session; Snowflake falls back to no usable role.
                throw SqlException.notFound("Role", session.role());
            }
            Context c = new Context(account, access, session, access.effectiveRoles(session.role()), needsWarehouse);
            Result result = dispatch(c, statement);
            if (result.statementTypeId() == Result.DDL || result.statementTypeId() == Result.INSERT) {
                save();
            }
            return result;
        }
    }

    private Result dispatch(Context c, Statement statement) {
        if (statement instanceof Statement.CreateDatabase s) {
            return ObjectStatements.createDatabase(c, s);
        } else if (statement instanceof Statement.CreateSchema s) {
            return ObjectStatements.createSchema(c, s);
        } else if (statement instanceof Statement.CreateTable s) {
            return ObjectStatements.createTable(c, s);
        } else if (statement instanceof Statement.CreateUser s) {
            return ObjectStatements.createUser(c, s);
        } else if (statement instanceof Statement.AlterUser s) {
            return UserStatements.alter(c, s);
        } else if (statement instanceof Statement.DescribeUser s) {
            return UserStatements.describe(c, s);
        } else if (statement instanceof Statement.CreateRole s) {
            return ObjectStatements.createRole(c, s);
        } else if (statement instanceof Statement.DropDatabase s) {
            return ObjectStatements.drop(c, ObjectRef.database(s.name()), s.ifExists());
        } else if (statement instanceof Statement.DropSchema s) {
            return ObjectStatements.drop(c, c.schema(s.name(), "DROP SCHEMA"), s.ifExists());
        } else if (statement instanceof Statement.DropTable s) {
            return ObjectStatements.drop(c, c.table(s.name(), "DROP TABLE"), s.ifExists());
        } else if (statement instanceof Statement.DropUser s) {
            return ObjectStatements.drop(c, ObjectRef.user(s.name()), s.ifExists());
        } else if (statement instanceof Statement.DropRole s) {
            return ObjectStatements.drop(c, ObjectRef.role(s.name()), s.ifExists());
        } else if (statement instanceof Statement.RoleGrantStatement s) {
            return GrantStatements.role(c, s);
        } else if (statement instanceof Statement.PrivilegeGrantStatement s) {
            return GrantStatements.privileges(c, s);
        } else if (statement instanceof Statement.GrantOwnership s) {
            return GrantStatements.ownership(c, s);
        } else if (statement instanceof Statement.UseRole s) {
            return SessionStatements.useRole(c, s);
        } else if (statement instanceof Statement.UseDatabase s) {
            return SessionStatements.useDatabase(c, s);
        } else if (statement instanceof Statement.UseSchema s) {
            return SessionStatements.useSchema(c, s);
        } else if (statement instanceof Statement.Accepted s) {
            return Result.status(s.message(), s.kind().equals("USE") ? Result.USE : Result.ALTER_SESSION);
        } else if (statement instanceof Statement.SelectValues s) {
            return SessionStatements.selectValues(c, s);
        } else if (statement instanceof Statement.SelectFrom s) {
            return DataStatements.select(c, s);
        } else if (statement instanceof Statement.Insert s) {
            return DataStatements.insert(c, s);
        }
        return warehouses(c, statement);
    }

    private Result warehouses(Context c, Statement statement) {
        if (statement instanceof Statement.CreateWarehouse s) {
            return WarehouseStatements.create(c, s);
        } else if (statement instanceof Statement.DropWarehouse s) {
            return ObjectStatements.drop(c, ObjectRef.warehouse(s.name()), s.ifExists());
        } else if (statement instanceof Statement.UseWarehouse s) {
            return WarehouseStatements.use(c, s);
        } else if (statement instanceof Statement.ShowWarehouses s) {
            return WarehouseStatements.show(c, s);
        }
        return show(c, statement);
    }

    private Result show(Context c, Statement statement) {
        if (statement instanceof Statement.ShowRoles s) {
            return ShowObjects.roles(c, s);
        } else if (statement instanceof Statement.ShowUsers s) {
            return ShowObjects.users(c, s);
        } else if (statement instanceof Statement.ShowDatabases s) {
            return ShowObjects.databases(c, s);
        } else if (statement instanceof Statement.ShowSchemas s) {
            return ShowObjects.schemas(c, s);
        } else if (statement instanceof Statement.ShowTables s) {
            return ShowObjects.tables(c, s);
        } else if (statement instanceof Statement.ShowGrantsTo s) {
            return s.kind() == io.gatehouse.snowflake.sandbox.sql.ObjectKind.ROLE ? ShowGrants.toRole(c, s.name())
                    : ShowGrants.toUser(c, s.name());
        } else if (statement instanceof Statement.ShowGrantsOf s) {
            return ShowGrants.of(c, s.role());
        } else if (statement instanceof Statement.ShowGrantsOn s) {
            return ShowGrants.on(c, s);
        } else if (statement instanceof Statement.ShowFutureGrantsIn s) {
            return ShowGrants.future(c, s);
        }
        throw SqlException.unsupported(statement.getClass().getSimpleName());
    }

    private void save() {
        if (stateFile != null) {
            stateFile.save(account.snapshot());
        }
    }
}
