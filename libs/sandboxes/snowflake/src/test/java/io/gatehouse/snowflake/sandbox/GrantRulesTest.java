package io.gatehouse.snowflake.sandbox;

import static io.gatehouse.snowflake.sandbox.DataAccessTest.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Role grants, idempotency, cycles and who may grant (grant-role / grant-privilege / revoke-privilege docs). */
class GrantRulesTest extends SandboxTestBase {

    @Test
    void cyclicRoleGrantIsRefused() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE A");
        exec(c, "CREATE ROLE B");
        exec(c, "CREATE ROLE C");
        exec(c, "GRANT ROLE A TO ROLE B");
        assertFails(c, "GRANT ROLE B TO ROLE A", 3013, "42601").hasMessageContaining("cycle");
        exec(c, "GRANT ROLE B TO ROLE C");
        assertFails(c, "GRANT ROLE C TO ROLE A", 3013, "42601");
        assertFails(c, "GRANT ROLE A TO ROLE A", 3013, "42601");
        assertThat(column(c, "SHOW GRANTS OF ROLE A", "grantee_name")).containsExactly("B");
    }

    @Test
    void regrantIsANoOpAndRevokingWhatIsNotGrantedSucceeds() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE DATABASE D1");
        exec(c, "CREATE ROLE R");
        exec(c, "GRANT USAGE ON DATABASE D1 TO ROLE R");
        exec(c, "GRANT USAGE ON DATABASE D1 TO ROLE R");
        exec(c, "GRANT ROLE R TO ROLE SYSADMIN");
        exec(c, "GRANT ROLE R TO ROLE SYSADMIN");
        assertThat(column(c, "SHOW GRANTS TO ROLE R", "privilege")).containsExactly("USAGE");
        assertThat(column(c, "SHOW GRANTS OF ROLE R", "grantee_name")).containsExactly("SYSADMIN");
        exec(c, "REVOKE SELECT ON ALL TABLES IN SCHEMA D1.PUBLIC FROM ROLE R");
        exec(c, "REVOKE USAGE ON DATABASE D1 FROM ROLE R");
        exec(c, "REVOKE USAGE ON DATABASE D1 FROM ROLE R");
        exec(c, "REVOKE ROLE R FROM ROLE PUBLIC");
        assertThat(column(c, "SHOW GRANTS TO ROLE R", "privilege")).isEmpty();
    }

    /** SHOW GRANTS TO / OF read the account's grants by role: revokes, drops and re-grants show at once, in order. */
    @Test
    void showGrantsFollowRevokesDropsAndRegrantsInCreationOrder() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE DATABASE D1");
        exec(c, "CREATE ROLE A");
        exec(c, "CREATE ROLE B");
        exec(c, "CREATE ROLE C");
        exec(c, "CREATE USER U PASSWORD = 'pw'");
        exec(c, "GRANT ROLE A TO ROLE B");
        exec(c, "GRANT ROLE A TO ROLE C");
        exec(c, "GRANT ROLE A TO USER U");
        exec(c, "GRANT USAGE ON DATABASE D1 TO ROLE A");
        assertThat(column(c, "SHOW GRANTS OF ROLE A", "grantee_name")).containsExactly("B", "C", "U");
        assertThat(column(c, "SHOW GRANTS OF ROLE A", "granted_to")).containsExactly("ROLE", "ROLE", "USER");
        exec(c, "REVOKE ROLE A FROM ROLE B");
        exec(c, "DROP ROLE C");
        assertThat(column(c, "SHOW GRANTS OF ROLE A", "grantee_name")).containsExactly("U");
        assertThat(column(c, "SHOW GRANTS TO ROLE A", "name")).containsExactly("D1");
        exec(c, "DROP DATABASE D1");
        assertThat(column(c, "SHOW GRANTS TO ROLE A", "name")).isEmpty();
        exec(c, "GRANT ROLE A TO ROLE B");
        assertThat(column(c, "SHOW GRANTS OF ROLE A", "grantee_name")).containsExactly("U", "B");
        assertThat(column(c, "SHOW GRANTS TO ROLE B", "name")).containsExactly("A");
        assertThat(column(c, "SHOW GRANTS TO USER U", "role")).containsExactly("A");
        exec(c, "DROP USER U");
        assertThat(column(c, "SHOW GRANTS OF ROLE A", "grantee_name")).containsExactly("B");
    }

    @Test
    void showGrantsUsesSnowflakesColumnsAndShowsRoleGrantsAsUsage() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE DATABASE D1");
        exec(c, "CREATE ROLE R1");
        exec(c, "CREATE ROLE R2");
        exec(c, "GRANT ROLE R1 TO ROLE R2");
        exec(c, "GRANT USAGE ON DATABASE D1 TO ROLE R2 WITH GRANT OPTION");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS TO ROLE R2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("privilege")).isEqualTo("USAGE");
            assertThat(rs.getString("granted_on")).isEqualTo("ROLE");
            assertThat(rs.getString("name")).isEqualTo("R1");
            assertThat(rs.getString("granted_to")).isEqualTo("ROLE");
            assertThat(rs.getString("grantee_name")).isEqualTo("R2");
            assertThat(rs.getBoolean("grant_option")).isFalse();
            assertThat(rs.getString("granted_by")).isEqualTo("ACCOUNTADMIN");
            assertThat(rs.getTimestamp("created_on")).isNotNull();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("granted_on")).isEqualTo("DATABASE");
            assertThat(rs.getBoolean("grant_option")).isTrue();
            assertThat(rs.next()).isFalse();
        }
        assertThat(column(c, "SHOW GRANTS ON DATABASE D1", "privilege")).containsExactly("OWNERSHIP", "USAGE");
        exec(c, "GRANT ROLE R2 TO USER ADMIN");
        assertThat(column(c, "SHOW GRANTS TO USER ADMIN", "role")).containsExactly("ACCOUNTADMIN", "R2");
        assertThat(column(c, "SHOW GRANTS ON ACCOUNT", "privilege")).contains("MANAGE GRANTS", "CREATE ROLE");
    }

    @Test
    void leastPrivilegeServiceRoleManagesOnlyTheRolesItOwns() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE SVC");
        sandbox.executeAsAdmin("GRANT CREATE ROLE ON ACCOUNT TO ROLE SVC");
        user("svc_user", "pw", "SVC");
        sandbox.executeAsAdmin("CREATE USER END_USER PASSWORD = 'x'");
        Connection svc = connect("svc_user", "pw", props("role", "SVC"));
        exec(svc, "CREATE ROLE IF NOT EXISTS APP_READER");
        assertThat(column(svc, "SHOW ROLES LIKE 'APP_READER'", "owner")).containsExactly("SVC");
        exec(svc, "GRANT ROLE APP_READER TO USER END_USER");
        assertFails(svc, "GRANT ROLE SYSADMIN TO USER END_USER", 3001, "42501");
        assertFails(svc, "CREATE USER X PASSWORD = 'y'", 3001, "42501");
        // Owning a role does not inherit it: the service cannot activate what it created.
        assertFails(svc, "USE ROLE APP_READER", 2003, "02000");

        sandbox.executeAsAdmin("GRANT MANAGE GRANTS ON ACCOUNT TO ROLE SVC");
        exec(svc, "GRANT ROLE SYSADMIN TO USER END_USER");
        exec(svc, "DROP ROLE APP_READER");
        assertFails(svc, "DROP ROLE SYSADMIN", 3001, "42501");
    }

    @Test
    void useRoleOnlyForRolesGrantedToTheUser() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE MINE");
        sandbox.executeAsAdmin("CREATE ROLE NOT_MINE");
        user("dave", "pw", "MINE");
        Connection dave = connect("dave", "pw");
        assertThat(single(dave, "SELECT CURRENT_ROLE()")).isEqualTo("PUBLIC");
        exec(dave, "USE ROLE MINE");
        assertThat(single(dave, "SELECT CURRENT_ROLE()")).isEqualTo("MINE");
        assertFails(dave, "USE ROLE NOT_MINE", 2003, "02000")
                .hasMessageContaining("Role 'NOT_MINE' does not exist or not authorized.");
        exec(dave, "USE ROLE PUBLIC");
    }

    @Test
    void grantingWithGrantOptionLetsTheGranteePassItOn() throws SQLException {
        sandbox.executeAsAdmin("CREATE DATABASE D1");
        sandbox.executeAsAdmin("CREATE ROLE HOLDER");
        sandbox.executeAsAdmin("CREATE ROLE OTHER");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE HOLDER");
        user("hal", "pw", "HOLDER");
        Connection hal = connect("hal", "pw", props("role", "HOLDER"));
        assertFails(hal, "GRANT USAGE ON DATABASE D1 TO ROLE OTHER", 3001, "42501");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE HOLDER WITH GRANT OPTION");
        exec(hal, "GRANT USAGE ON DATABASE D1 TO ROLE OTHER");
        assertThat(column(hal, "SHOW GRANTS ON DATABASE D1", "granted_by")).contains("HOLDER");
    }

    @Test
    void loginWithARoleNotGrantedFails() {
        sandbox.executeAsAdmin("CREATE ROLE NOT_MINE");
        user("erin", "pw");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connect("erin", "pw", props("role", "NOT_MINE")))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(390189));
    }
}
