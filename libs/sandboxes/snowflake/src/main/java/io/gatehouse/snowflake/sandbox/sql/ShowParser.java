package io.gatehouse.snowflake.sandbox.sql;

/** SHOW commands of the subset (docs.snowflake.com/en/sql-reference/sql/show-grants and siblings). */
final class ShowParser {

    private final TokenStream in;

    ShowParser(TokenStream in) {
        this.in = in;
    }

    Statement parse() {
        in.acceptWord("TERSE");
        Statement statement;
        if (in.acceptWord("ROLES")) {
            statement = new Statement.ShowRoles(in.optionalLike());
        } else if (in.acceptWord("USERS")) {
            statement = new Statement.ShowUsers(in.optionalLike());
        } else if (in.acceptWord("WAREHOUSES")) {
            statement = new Statement.ShowWarehouses(in.optionalLike());
        } else if (in.acceptWord("DATABASES")) {
            statement = new Statement.ShowDatabases(in.optionalLike());
        } else if (in.acceptWord("SCHEMAS")) {
            String like = in.optionalLike();
            String database = null;
            if (in.acceptWord("IN")) {
                in.acceptWord("DATABASE");
                database = in.identifier();
            }
            statement = new Statement.ShowSchemas(like, database);
        } else if (in.acceptWord("TABLES")) {
            String like = in.optionalLike();
            QualifiedName schema = null;
            if (in.acceptWord("IN")) {
                in.acceptWord("SCHEMA");
                schema = in.qualifiedName(2);
            }
            statement = new Statement.ShowTables(like, schema);
        } else if (in.acceptWord("GRANTS")) {
            statement = grants();
        } else if (in.acceptWords("FUTURE", "GRANTS", "IN")) {
            ObjectKind kind;
            if (in.acceptWord("SCHEMA")) {
                kind = ObjectKind.SCHEMA;
            } else {
                in.expectWord("DATABASE");
                kind = ObjectKind.DATABASE;
            }
            statement = new Statement.ShowFutureGrantsIn(kind, in.qualifiedName(kind == ObjectKind.SCHEMA ? 2 : 1));
        } else {
            throw in.unexpected();
        }
        in.expectEnd();
        return statement;
    }

    private Statement grants() {
        if (in.acceptWord("TO")) {
            if (in.acceptWord("ROLE")) {
                return new Statement.ShowGrantsTo(ObjectKind.ROLE, in.identifier());
            }
            in.expectWord("USER");
            return new Statement.ShowGrantsTo(ObjectKind.USER, in.identifier());
        }
        if (in.acceptWord("OF")) {
            in.expectWord("ROLE");
            return new Statement.ShowGrantsOf(in.identifier());
        }
        in.expectWord("ON");
        if (in.acceptWord("ACCOUNT")) {
            return new Statement.ShowGrantsOn(ObjectKind.ACCOUNT, null);
        }
        Token kindToken = in.next();
        ObjectKind kind;
        int maxParts;
        switch (kindToken.type() == TokenType.WORD ? kindToken.value() : "") {
            case "DATABASE" -> { kind = ObjectKind.DATABASE; maxParts = 1; }
            case "SCHEMA" -> { kind = ObjectKind.SCHEMA; maxParts = 2; }
            case "TABLE" -> { kind = ObjectKind.TABLE; maxParts = 3; }
            case "ROLE" -> { kind = ObjectKind.ROLE; maxParts = 1; }
            case "USER" -> { kind = ObjectKind.USER; maxParts = 1; }
            case "WAREHOUSE" -> { kind = ObjectKind.WAREHOUSE; maxParts = 1; }
            default -> throw TokenStream.unexpectedAt(kindToken);
        }
        return new Statement.ShowGrantsOn(kind, in.qualifiedName(maxParts));
    }
}
