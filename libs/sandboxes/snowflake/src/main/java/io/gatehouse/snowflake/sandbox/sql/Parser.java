package io.gatehouse.snowflake.sandbox.sql;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-written recursive-descent parser for the access-control subset of Snowflake SQL. */
public final class Parser {

    private final TokenStream in;

    private Parser(List<Token> tokens) {
        this.in = new TokenStream(tokens);
    }

    public static Statement parse(String sql) {
        return parse(sql, List.of());
    }

    /** Parses one statement; {@code bindings} replace {@code ?} placeholders in order. */
    public static Statement parse(String sql, List<String> bindings) {
        return new Parser(Tokenizer.tokenize(sql, bindings)).statement();
    }

    private Statement statement() {
        Token first = in.next();
        if (first.type() != TokenType.WORD) {
            throw TokenStream.unexpectedAt(first);
        }
        return switch (first.value()) {
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "GRANT" -> new GrantParser(in).parse(true);
            case "REVOKE" -> new GrantParser(in).parse(false);
            case "SHOW" -> new ShowParser(in).parse();
            case "USE" -> use();
            case "ALTER" -> alter();
            case "DESC", "DESCRIBE" -> new UserParser(in).describe();
            case "SELECT" -> new SelectParser(in).parse();
            case "INSERT" -> insert();
            default -> throw TokenStream.unexpectedAt(first);
        };
    }

    private Statement create() {
        if (in.acceptWords("OR", "REPLACE")) {
            // Never silently drop and recreate: OR REPLACE on a role loses every grant (see research 2.9).
            throw SqlException.unsupported("CREATE OR REPLACE");
        }
        Token kind = in.next();
        Statement statement;
        if (kind.isWord("DATABASE")) {
            boolean ine = in.ifNotExists();
            statement = new Statement.CreateDatabase(in.identifier(), ine);
        } else if (kind.isWord("SCHEMA")) {
            boolean ine = in.ifNotExists();
            QualifiedName name = in.qualifiedName(2);
            boolean managed = in.acceptWords("WITH", "MANAGED", "ACCESS");
            statement = new Statement.CreateSchema(name, ine, managed);
        } else if (kind.isWord("TABLE")) {
            boolean ine = in.ifNotExists();
            QualifiedName name = in.qualifiedName(3);
            statement = new Statement.CreateTable(name, ine, columns());
        } else if (kind.isWord("ROLE")) {
            boolean ine = in.ifNotExists();
            statement = new Statement.CreateRole(in.identifier(), ine);
            skipProperties();
        } else if (kind.isWord("USER")) {
            boolean ine = in.ifNotExists();
            String name = in.identifier();
            statement = new Statement.CreateUser(name, ine, properties());
        } else if (kind.isWord("WAREHOUSE")) {
            statement = new WarehouseParser(in).create();
        } else {
            throw TokenStream.unexpectedAt(kind);
        }
        skipProperties();
        in.expectEnd();
        return statement;
    }

    private Statement drop() {
        Token kind = in.next();
        Statement statement;
        if (kind.isWord("DATABASE")) {
            boolean ie = in.ifExists();
            statement = new Statement.DropDatabase(in.identifier(), ie);
        } else if (kind.isWord("SCHEMA")) {
            boolean ie = in.ifExists();
            statement = new Statement.DropSchema(in.qualifiedName(2), ie);
        } else if (kind.isWord("TABLE")) {
            boolean ie = in.ifExists();
            statement = new Statement.DropTable(in.qualifiedName(3), ie);
        } else if (kind.isWord("ROLE")) {
            boolean ie = in.ifExists();
            statement = new Statement.DropRole(in.identifier(), ie);
        } else if (kind.isWord("USER")) {
            boolean ie = in.ifExists();
            statement = new Statement.DropUser(in.identifier(), ie);
        } else if (kind.isWord("WAREHOUSE")) {
            boolean ie = in.ifExists();
            statement = new Statement.DropWarehouse(in.identifier(), ie);
        } else {
            throw TokenStream.unexpectedAt(kind);
        }
        if (!in.acceptWord("CASCADE")) {
            in.acceptWord("RESTRICT");
        }
        in.expectEnd();
        return statement;
    }

    private Statement use() {
        Statement statement;
        if (in.acceptWord("ROLE")) {
            statement = new Statement.UseRole(in.identifier());
        } else if (in.acceptWord("WAREHOUSE")) {
            statement = new Statement.UseWarehouse(in.identifier());
        } else if (in.acceptWord("SECONDARY")) {
            // Only the primary role is modelled; see Session for why.
            in.expectWord("ROLES");
            in.next();
            statement = new Statement.Accepted("USE", "Statement executed successfully.");
        } else if (in.acceptWord("SCHEMA")) {
            statement = new Statement.UseSchema(in.qualifiedName(2));
        } else {
            in.acceptWord("DATABASE");
            QualifiedName name = in.qualifiedName(2);
            statement = name.size() == 2 ? new Statement.UseSchema(name) : new Statement.UseDatabase(name.last());
        }
        in.expectEnd();
        return statement;
    }

    /** ALTER USER (see UserParser); ALTER SESSION SET/UNSET is accepted whatever it sets (the driver may send it). */
    private Statement alter() {
        if (in.acceptWord("USER")) {
            return new UserParser(in).alter();
        }
        in.expectWord("SESSION");
        if (!in.acceptWord("SET")) {
            in.expectWord("UNSET");
        }
        return new Statement.Accepted("ALTER_SESSION", "Statement executed successfully.");
    }

    private Statement insert() {
        in.expectWord("INTO");
        QualifiedName table = in.qualifiedName(3);
        if (in.acceptSymbol("(")) {
            do {
                in.identifier();
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        in.expectWord("VALUES");
        List<List<Object>> rows = new ArrayList<>();
        do {
            in.expectSymbol("(");
            List<Object> row = new ArrayList<>();
            do {
                row.add(in.literal());
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
            rows.add(row);
        } while (in.acceptSymbol(","));
        in.expectEnd();
        return new Statement.Insert(table, rows);
    }

    /** Column definitions: a name, a data type (DataTypes) and options. */
    private List<ColumnDefinition> columns() {
        List<ColumnDefinition> columns = new ArrayList<>();
        if (!in.acceptSymbol("(")) {
            return columns;
        }
        do {
            columns.add(DataTypes.column(in.identifier(), in));
        } while (in.acceptSymbol(","));
        in.expectSymbol(")");
        return columns;
    }

    /** {@code KEY = value} pairs as in CREATE USER. */
    private Map<String, String> properties() {
        return in.properties();
    }

    /** Options such as COMMENT = '...' that do not affect access control. */
    private void skipProperties() {
        properties();
    }
}
