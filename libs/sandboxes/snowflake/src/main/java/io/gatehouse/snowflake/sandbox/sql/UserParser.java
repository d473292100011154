package io.gatehouse.snowflake.sandbox.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ALTER USER ... SET / UNSET and DESC[RIBE] USER, after the leading keyword(s). */
final class UserParser {

    private final TokenStream in;

    UserParser(TokenStream in) {
        this.in = in;
    }

    /** After {@code ALTER USER}. */
    Statement alter() {
        boolean ifExists = in.ifExists();
        String name = in.identifier();
        Statement statement;
        if (in.acceptWord("SET")) {
            Map<String, String> set = in.properties();
            if (set.isEmpty()) {
                throw in.unexpected();
            }
            statement = new Statement.AlterUser(name, ifExists, set, List.of());
        } else {
            in.expectWord("UNSET");
            List<String> unset = new ArrayList<>();
            do {
                Token key = in.next();
                if (key.type() != TokenType.WORD) {
                    throw TokenStream.unexpectedAt(key);
                }
                unset.add(key.value());
            } while (in.acceptSymbol(","));
            statement = new Statement.AlterUser(name, ifExists, Map.of(), unset);
        }
        in.expectEnd();
        return statement;
    }

    /** After {@code DESC} or {@code DESCRIBE}. */
    Statement describe() {
        in.expectWord("USER");
        Statement statement = new Statement.DescribeUser(in.identifier());
        in.expectEnd();
        return statement;
    }
}
