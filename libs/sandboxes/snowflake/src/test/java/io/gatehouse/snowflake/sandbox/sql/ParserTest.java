package io.gatehouse.snowflake.sandbox.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

    @Test
    void unquotedIdentifiersAreUpperCasedAndQuotedOnesKeptWithEscapedQuotes() {
        assertThat(Parser.parse("create role analyst")).isEqualTo(new Statement.CreateRole("ANALYST", false));
        assertThat(Parser.parse("CREATE ROLE IF NOT EXISTS \"a\"\"b c\""))
                .isEqualTo(new Statement.CreateRole("a\"b c", true));
        assertThat(Parser.parse("drop role if exists My_Role$1;")).isEqualTo(new Statement.DropRole("MY_ROLE$1", true));
    }

    @Test
    void grantForms() {
        assertThat(Parser.parse("GRANT SELECT, INSERT ON TABLE d.s.\"My Table\" TO ROLE r WITH GRANT OPTION"))
                .isEqualTo(new Statement.PrivilegeGrantStatement(true, List.of("SELECT", "INSERT"),
                        new GrantTarget.Single(ObjectKind.TABLE, QualifiedName.of("D", "S", "My Table")), "R", true));
        assertThat(Parser.parse("revoke select on future tables in schema d.s from role r"))
                .isEqualTo(new Statement.PrivilegeGrantStatement(false, List.of("SELECT"),
                        new GrantTarget.FutureTablesInSchema(QualifiedName.of("D", "S")), "R", false));
        assertThat(Parser.parse("GRANT CREATE ROLE, MANAGE GRANTS ON ACCOUNT TO ROLE svc"))
                .isEqualTo(new Statement.PrivilegeGrantStatement(true, List.of("CREATE ROLE", "MANAGE GRANTS"),
                        new GrantTarget.Account(), "SVC", false));
        assertThat(Parser.parse("GRANT ROLE a TO USER u"))
                .isEqualTo(new Statement.RoleGrantStatement(true, "A", ObjectKind.USER, "U"));
        assertThat(Parser.parse("GRANT OWNERSHIP ON ROLE a TO ROLE b COPY CURRENT GRANTS"))
                .isEqualTo(new Statement.GrantOwnership(
                        new GrantTarget.Single(ObjectKind.ROLE, QualifiedName.of("A")), "B", true));
    }

    @Test
    void commentsStringsAndBindings() {
        assertThat(Parser.parse("/* c */ SHOW ROLES -- tail\n LIKE 'it''s%'"))
                .isEqualTo(new Statement.ShowRoles("it's%"));
        assertThat(Parser.parse("SHOW ROLES LIKE ?", List.of("X%"))).isEqualTo(new Statement.ShowRoles("X%"));
        assertThat(Parser.parse("CREATE SCHEMA d.s WITH MANAGED ACCESS"))
                .isEqualTo(new Statement.CreateSchema(QualifiedName.of("D", "S"), false, true));
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertThatThrownBy(() -> Parser.parse("GRANT ROLE TO ROLE x"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("syntax error line 1 at position 14 unexpected 'ROLE'")
                .extracting(e -> ((SqlException) e).code()).isEqualTo("001003");
        assertThatThrownBy(() -> Parser.parse("CREATE ROLE \"\"")).isInstanceOf(SqlException.class);
        assertThatThrownBy(() -> Parser.parse("SELECT * FROM a.b.c.d")).isInstanceOf(SqlException.class);
    }

    @Test
    void selectWithAliasesWhereAndLimit() {
        assertThat(Parser.parse("SELECT COUNT(*) AS N FROM d.s.t WHERE a >= 1 AND (b <> 'x' OR c != 2) LIMIT 5"))
                .isEqualTo(new Statement.SelectFrom(QualifiedName.of("D", "S", "T"),
                        List.of(new SelectColumn(SelectColumn.Kind.COUNT_STAR, null, "N", 7)),
                        new Condition.And(List.of(new Condition.Comparison("A", 38, ">=", new java.math.BigDecimal("1")),
                                new Condition.Or(List.of(new Condition.Comparison("B", 50, "<>", "x"),
                                        new Condition.Comparison("C", 62, "<>", new java.math.BigDecimal("2")))))),
                        5L));
        assertThat(Parser.parse("select id x, * from t")).isEqualTo(new Statement.SelectFrom(QualifiedName.of("T"),
                List.of(new SelectColumn(SelectColumn.Kind.COLUMN, "ID", "X", 7),
                        new SelectColumn(SelectColumn.Kind.STAR, null, null, 13)), null, null));
        assertThatThrownBy(() -> Parser.parse("SELECT COUNT(*), ID FROM t")).isInstanceOf(SqlException.class);
        assertThatThrownBy(() -> Parser.parse("SELECT ID FROM t WHERE ID < > 1")).isInstanceOf(SqlException.class);
    }

    @Test
    void warehouseAndAlterUserForms() {
        assertThat(Parser.parse("CREATE WAREHOUSE IF NOT EXISTS wh WITH WAREHOUSE_SIZE = XSMALL AUTO_SUSPEND = 60"
                + " AUTO_RESUME = TRUE INITIALLY_SUSPENDED = TRUE COMMENT = 'c'"))
                .isEqualTo(new Statement.CreateWarehouse("WH", true, java.util.Map.of("WAREHOUSE_SIZE", "XSMALL",
                        "AUTO_SUSPEND", "60", "AUTO_RESUME", "TRUE", "INITIALLY_SUSPENDED", "TRUE", "COMMENT", "c")));
        assertThat(Parser.parse("drop warehouse if exists wh")).isEqualTo(new Statement.DropWarehouse("WH", true));
        assertThat(Parser.parse("USE WAREHOUSE \"My Wh\"")).isEqualTo(new Statement.UseWarehouse("My Wh"));
        assertThat(Parser.parse("SHOW WAREHOUSES LIKE 'W%'")).isEqualTo(new Statement.ShowWarehouses("W%"));
        assertThat(Parser.parse("ALTER USER u SET DEFAULT_ROLE = r DEFAULT_WAREHOUSE = w"))
                .isEqualTo(new Statement.AlterUser("U", false, java.util.Map.of("DEFAULT_ROLE", "R",
                        "DEFAULT_WAREHOUSE", "W"), List.of()));
        assertThat(Parser.parse("ALTER USER IF EXISTS u UNSET DEFAULT_ROLE, DEFAULT_WAREHOUSE"))
                .isEqualTo(new Statement.AlterUser("U", true, java.util.Map.of(),
                        List.of("DEFAULT_ROLE", "DEFAULT_WAREHOUSE")));
        assertThat(Parser.parse("GRANT USAGE, OPERATE ON WAREHOUSE wh TO ROLE r"))
                .isEqualTo(new Statement.PrivilegeGrantStatement(true, List.of("USAGE", "OPERATE"),
                        new GrantTarget.Single(ObjectKind.WAREHOUSE, QualifiedName.of("WH")), "R", false));
    }
}
