package io.gatehouse.snowflake.sandbox.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * GRANT and REVOKE (docs.snowflake.com/en/sql-reference/sql/grant-privilege, grant-role,
 * revoke-privilege, revoke-role), after the leading GRANT/REVOKE keyword.
 */
final class GrantParser {

    /** Privileges that are two words in Snowflake's syntax. */
    private static final List<String> TWO_WORD_FIRST = List.of("CREATE", "MANAGE", "APPLY", "EXECUTE", "IMPORTED");

    private final TokenStream in;

    GrantParser(TokenStream in) {
        this.in = in;
    }

    Statement parse(boolean grant) {
        if (!grant) {
            in.acceptWords("GRANT", "OPTION", "FOR");
        }
        if (in.peek().isWord("ROLE") && !in.peek(1).isWord("ON")) {
            in.next();
            String role = in.identifier();
            in.expectWord(grant ? "TO" : "FROM");
            ObjectKind granteeKind = granteeKind();
            String grantee = in.identifier();
            in.expectEnd();
            return new Statement.RoleGrantStatement(grant, role, granteeKind, grantee);
        }
        List<String> privileges = privileges();
        in.expectWord("ON");
        GrantTarget target = target();
        in.expectWord(grant ? "TO" : "FROM");
        in.expectWord("ROLE");
        String role = in.identifier();
        if (grant && privileges.equals(List.of("OWNERSHIP"))) {
            if (!(target instanceof GrantTarget.Single single)) {
                throw in.unexpected();
            }
            boolean copy = in.acceptWords("COPY", "CURRENT", "GRANTS");
            if (!copy) {
                in.acceptWords("REVOKE", "CURRENT", "GRANTS");
            }
            in.expectEnd();
            return new Statement.GrantOwnership(single, role, copy);
        }
        boolean withGrantOption = grant && in.acceptWords("WITH", "GRANT", "OPTION");
        if (!grant && !in.acceptWord("RESTRICT")) {
            in.acceptWord("CASCADE");
        }
        in.expectEnd();
        return new Statement.PrivilegeGrantStatement(grant, privileges, target, role, withGrantOption);
    }

    private ObjectKind granteeKind() {
        if (in.acceptWord("ROLE")) {
            return ObjectKind.ROLE;
        }
        if (in.acceptWord("USER")) {
            return ObjectKind.USER;
        }
        throw in.unexpected();
    }

    private List<String> privileges() {
        List<String> privileges = new ArrayList<>();
        do {
            Token first = in.next();
            if (first.type() != TokenType.WORD) {
                throw TokenStream.unexpectedAt(first);
            }
            String privilege = first.value();
            if (privilege.equals("ALL")) {
                in.acceptWord("PRIVILEGES");
            } else if (TWO_WORD_FIRST.contains(privilege)) {
                Token second = in.next();
                if (second.type() != TokenType.WORD) {
                    throw TokenStream.unexpectedAt(second);
                }
                privilege = privilege + " " + second.value();
            }
            privileges.add(privilege);
        } while (in.acceptSymbol(","));
        return privileges;
    }

    private GrantTarget target() {
        if (in.acceptWord("ACCOUNT")) {
            return new GrantTarget.Account();
        }
        if (in.acceptWord("ALL")) {
            in.expectWord("TABLES");
            in.expectWord("IN");
            in.expectWord("SCHEMA");
            return new GrantTarget.AllTablesInSchema(in.qualifiedName(2));
        }
        if (in.acceptWord("FUTURE")) {
            in.expectWord("TABLES");
            in.expectWord("IN");
            if (in.acceptWord("DATABASE")) {
                return new GrantTarget.FutureTablesInDatabase(in.qualifiedName(1));
            }
            in.expectWord("SCHEMA");
            return new GrantTarget.FutureTablesInSchema(in.qualifiedName(2));
        }
        ObjectKind kind = objectKind();
        int maxParts = switch (kind) {
            case SCHEMA -> 2;
            case TABLE -> 3;
            default -> 1;
        };
        return new GrantTarget.Single(kind, in.qualifiedName(maxParts));
    }

    private ObjectKind objectKind() {
        Token t = in.next();
        if (t.type() == TokenType.WORD) {
            switch (t.value()) {
                case "DATABASE": return ObjectKind.DATABASE;
                case "SCHEMA": return ObjectKind.SCHEMA;
                case "TABLE": return ObjectKind.TABLE;
                case "ROLE": return ObjectKind.ROLE;
                case "USER": return ObjectKind.USER;
                case "WAREHOUSE": return ObjectKind.WAREHOUSE;
                default: break;
            }
        }
        throw TokenStream.unexpectedAt(t);
    }
}
