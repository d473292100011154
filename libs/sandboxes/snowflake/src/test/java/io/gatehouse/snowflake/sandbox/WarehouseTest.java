package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warehouses with the sandbox's warehouse requirement on (Snowflake's behaviour): a query that reads rows needs a
 * current warehouse the session's roles may use, USE WAREHOUSE needs USAGE, and a login lands on the user's
 * DEFAULT_ROLE and DEFAULT_WAREHOUSE when they are usable.
 */
class WarehouseTest extends SandboxTestBase {

    private static final String NO_WAREHOUSE = "No active warehouse selected in the current session.  Select an"
            + " active warehouse with the 'use warehouse' command.";

    @BeforeEach
    void data() {
        sandbox.setRequireWarehouse(true);
        readableTable("(1, 'one'), (2, 'two')");
        sandbox.executeAsAdmin("GRANT INSERT ON TABLE D1.S1.T1 TO ROLE READER");
        sandbox.executeAsAdmin("CREATE WAREHOUSE WH WITH WAREHOUSE_SIZE = XSMALL AUTO_SUSPEND = 60 AUTO_RESUME = TRUE");
    }

    @AfterEach
    void requirementOff() {
        sandbox.setRequireWarehouse(false);
    }

    @Test
    void readingRowsWithoutAUsableWarehouseIs000606WhileMetadataAndContextNeedNone() throws SQLException {
        user("alice", "pw", "READER");
        Connection alice = connect("alice", "pw", DataAccessTest.props("role", "READER"));

        assertFails(alice, "SELECT * FROM D1.S1.T1", 606, "57P03").hasMessageContaining(NO_WAREHOUSE);
        assertFails(alice, "SELECT COUNT(*) AS N FROM D1.S1.T1 WHERE ID = 1", 606, "57P03");
        assertFails(alice, "INSERT INTO D1.S1.T1 VALUES (3, 'three')", 606, "57P03");
        // Compilation (and its access checks) comes first: a refused table is 2003 with or without a warehouse.
        assertFails(alice, "SELECT * FROM D1.S1.NOPE", 2003, "42S02");
        assertThat(single(alice, "SELECT 1")).isEqualTo("1");
        assertThat(single(alice, "SELECT CURRENT_ROLE()")).isEqualTo("READER");
        assertThat(single(alice, "SELECT CURRENT_WAREHOUSE()")).isNull();
        assertThat(column(alice, "SHOW ROLES LIKE 'READER'", "name")).containsExactly("READER");
        exec(alice, "USE DATABASE D1");

        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE WH TO ROLE READER");
        exec(alice, "USE WAREHOUSE WH");
        assertThat(single(alice, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("WH");
        assertThat(single(alice, "SELECT COUNT(*) AS N FROM D1.S1.T1")).isEqualTo("2");

        // Losing USAGE takes the warehouse away from the next query, though it stays the session's current one.
        sandbox.executeAsAdmin("REVOKE USAGE ON WAREHOUSE WH FROM ROLE READER");
        assertFails(alice, "SELECT * FROM D1.S1.T1", 606, "57P03");
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE WH TO ROLE READER");
        assertThat(single(alice, "SELECT COUNT(*) FROM D1.S1.T1")).isEqualTo("2");
        sandbox.executeAsAdmin("DROP WAREHOUSE WH");
        assertFails(alice, "SELECT * FROM D1.S1.T1", 606, "57P03");
    }

    @Test
    void useWarehouseNeedsUsageThroughTheActiveRolesHierarchy() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE ANALYST");
        sandbox.executeAsAdmin("GRANT ROLE READER TO ROLE ANALYST");
        user("alice", "pw", "ANALYST");
        Connection alice = connect("alice", "pw", DataAccessTest.props("role", "ANALYST"));

        assertFails(alice, "USE WAREHOUSE WH", 2043, "02000")
                .hasMessageContaining("Object does not exist, or operation cannot be performed.");
        // A missing warehouse gives the same answer, so the error does not reveal which ones exist.
        assertFails(alice, "USE WAREHOUSE GHOST", 2043, "02000");
        // MONITOR or OPERATE alone does not let a role use a warehouse.
        sandbox.executeAsAdmin("GRANT MONITOR, OPERATE ON WAREHOUSE WH TO ROLE READER");
        assertFails(alice, "USE WAREHOUSE WH", 2043, "02000");
        assertThat(column(alice, "SHOW WAREHOUSES", "name")).containsExactly("WH");

        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE WH TO ROLE READER");
        exec(alice, "USE WAREHOUSE wh");
        assertThat(single(alice, "SELECT * FROM D1.S1.T1 WHERE ID = 2 LIMIT 1")).isEqualTo("2");
        // Switching to a role outside the hierarchy keeps the current warehouse name but not the right to use it.
        exec(alice, "USE ROLE PUBLIC");
        assertFails(alice, "USE WAREHOUSE WH", 2043, "02000");
    }

    @Test
    void onlyTheOwnerOrManageGrantsMayGrantOnAWarehouse() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE OPS");
        sandbox.executeAsAdmin("GRANT CREATE WAREHOUSE ON ACCOUNT TO ROLE OPS");
        sandbox.executeAsAdmin("CREATE ROLE HOLDER");
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE WH TO ROLE HOLDER");
        user("otto", "pw", "OPS");
        user("hugo", "pw", "HOLDER");
        Connection otto = connect("otto", "pw", DataAccessTest.props("role", "OPS"));
        Connection hugo = connect("hugo", "pw", DataAccessTest.props("role", "HOLDER"));

        // USAGE without the grant option does not let HOLDER pass it on; a warehouse it cannot see is 2003.
        assertFails(hugo, "GRANT USAGE ON WAREHOUSE WH TO ROLE READER", 3001, "42501")
                .hasMessageContaining("Insufficient privileges to operate on warehouse 'WH'");
        assertFails(otto, "GRANT USAGE ON WAREHOUSE WH TO ROLE READER", 2003, "02000")
                .hasMessageContaining("Warehouse 'WH' does not exist or not authorized.");

        exec(otto, "CREATE WAREHOUSE IF NOT EXISTS OPS_WH WAREHOUSE_SIZE = 'X-SMALL' INITIALLY_SUSPENDED = TRUE");
        exec(otto, "CREATE WAREHOUSE IF NOT EXISTS OPS_WH");
        assertFails(otto, "CREATE WAREHOUSE OPS_WH", 2002, "42710");
        // A new warehouse becomes the creator's current one, as in Snowflake.
        assertThat(single(otto, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("OPS_WH");
        exec(otto, "GRANT USAGE ON WAREHOUSE OPS_WH TO ROLE READER");
        assertThat(column(otto, "SHOW GRANTS ON WAREHOUSE OPS_WH", "privilege")).contains("OWNERSHIP", "USAGE");
        assertThat(column(otto, "SHOW WAREHOUSES", "name")).containsExactly("OPS_WH");
        assertFails(hugo, "DROP WAREHOUSE WH", 3001, "42501");
        assertFails(hugo, "CREATE WAREHOUSE MINE", 3001, "42501");
    }

    @Test
    void loginLandsOnTheDefaultRoleAndWarehouseWhenTheUserMayUseThem() throws SQLException {
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE WH TO ROLE READER");
        sandbox.executeAsAdmin("CREATE USER bob PASSWORD = 'pw' DEFAULT_ROLE = READER DEFAULT_WAREHOUSE = WH");
        sandbox.executeAsAdmin("GRANT ROLE READER TO USER bob");

        Connection bob = connect("bob", "pw");
        assertThat(single(bob, "SELECT CURRENT_ROLE()")).isEqualTo("READER");
        assertThat(single(bob, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("WH");
        assertThat(single(bob, "SELECT COUNT(*) AS N FROM D1.S1.T1")).isEqualTo("2");

        // A default warehouse the role may not use is left unset at login, silently, as Snowflake does.
        sandbox.executeAsAdmin("CREATE WAREHOUSE OTHER_WH");
        sandbox.executeAsAdmin("ALTER USER bob SET DEFAULT_WAREHOUSE = OTHER_WH");
        Connection again = connect("bob", "pw");
        assertThat(single(again, "SELECT CURRENT_ROLE()")).isEqualTo("READER");
        assertThat(single(again, "SELECT CURRENT_WAREHOUSE()")).isNull();
        assertFails(again, "SELECT * FROM D1.S1.T1", 606, "57P03");

        // A default role the user does not hold gives PUBLIC, which may not use WH either.
        sandbox.executeAsAdmin("CREATE ROLE STRANGER");
        sandbox.executeAsAdmin("ALTER USER bob SET DEFAULT_ROLE = STRANGER DEFAULT_WAREHOUSE = WH");
        Connection third = connect("bob", "pw");
        assertThat(single(third, "SELECT CURRENT_ROLE()")).isEqualTo("PUBLIC");
        assertThat(single(third, "SELECT CURRENT_WAREHOUSE()")).isNull();

        // The connect string wins over the defaults.
        Connection named = connect("bob", "pw", warehouseAndRole("WH", "READER"));
        assertThat(single(named, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("WH");
        assertThat(column(named, "SHOW USERS LIKE 'BOB'", "default_role")).containsExactly("STRANGER");
        assertThat(column(named, "SHOW USERS LIKE 'BOB'", "default_warehouse")).containsExactly("WH");
    }

    @Test
    void usersMaySetTheirOwnDefaultsButNotOtherUsers() throws SQLException {
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE WH TO ROLE READER");
        user("alice", "pw", "READER");
        user("bob", "pw", "READER");
        Connection alice = connect("alice", "pw");
        exec(alice, "ALTER USER alice SET DEFAULT_ROLE = READER, DEFAULT_WAREHOUSE = WH");
        assertFails(alice, "ALTER USER bob SET DEFAULT_ROLE = READER", 3001, "42501");
        assertFails(alice, "ALTER USER ghost SET DEFAULT_ROLE = READER", 2003, "02000");
        exec(alice, "ALTER USER IF EXISTS ghost SET DEFAULT_ROLE = READER");
        // A property the sandbox does not model fails loudly instead of being ignored.
        assertFails(alice, "ALTER USER alice SET DISPLAY_NAME = 'A'", 1003, "42000");

        Connection next = connect("alice", "pw");
        assertThat(single(next, "SELECT CURRENT_ROLE()")).isEqualTo("READER");
        assertThat(single(next, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("WH");
        exec(next, "ALTER USER alice UNSET DEFAULT_WAREHOUSE");
        assertThat(single(connect("alice", "pw"), "SELECT CURRENT_WAREHOUSE()")).isNull();
    }

    @Test
    void warehousesAndDefaultWarehousesSurviveARestartFromTheStateFile(@TempDir Path dir) throws SQLException {
        Path file = dir.resolve("state.json");
        try (SnowflakeSandbox first = SnowflakeSandbox.builder().stateFile(file).adminPassword("pw").build().start()) {
            first.executeAsAdmin("CREATE WAREHOUSE KEPT_WH COMMENT = 'kept'");
            first.executeAsAdmin("CREATE ROLE R");
            first.executeAsAdmin("GRANT USAGE ON WAREHOUSE KEPT_WH TO ROLE R");
            first.executeAsAdmin("CREATE USER KEEPER PASSWORD = 'pw' DEFAULT_ROLE = R DEFAULT_WAREHOUSE = KEPT_WH");
            first.executeAsAdmin("GRANT ROLE R TO USER KEEPER");
        }
        try (SnowflakeSandbox second = SnowflakeSandbox.builder().stateFile(file).adminPassword("pw")
                .requireWarehouse(true).build().start()) {
            assertThat(second.executeAsAdmin("SHOW WAREHOUSES")).extracting(r -> r.get("comment"))
                    .containsExactly("kept");
            try (Connection keeper = DriverManager.getConnection(second.jdbcUrl(),
                    second.connectionProperties("keeper", "pw"))) {
                assertThat(single(keeper, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("KEPT_WH");
            }
        }
    }

    @Test
    void aStateFileWrittenBeforeWarehousesStillLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        try (SnowflakeSandbox first = SnowflakeSandbox.builder().stateFile(file).adminPassword("pw").build().start()) {
            first.executeAsAdmin("CREATE ROLE OLD_ROLE");
        }
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode state =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
        // Written before warehouses and before key-pair login: neither field is there.
        assertThat(state.remove("defaultWarehouses")).isNotNull();
        assertThat(state.remove("userKeys")).isNotNull();
        mapper.writeValue(file.toFile(), state);
        try (SnowflakeSandbox second = SnowflakeSandbox.builder().stateFile(file).adminPassword("pw").build().start()) {
            assertThat(second.executeAsAdmin("SHOW ROLES LIKE 'OLD_ROLE'")).hasSize(1);
            second.executeAsAdmin("CREATE USER NEWCOMER PASSWORD = 'pw' DEFAULT_WAREHOUSE = SOME_WH");
            assertThat(second.executeAsAdmin("SHOW USERS LIKE 'NEWCOMER'")).extracting(r -> r.get("default_warehouse"))
                    .containsExactly("SOME_WH");
        }
    }

    private static java.util.Properties warehouseAndRole(String warehouse, String role) {
        java.util.Properties p = DataAccessTest.props("role", role);
        p.put("warehouse", warehouse);
        return p;
    }
}
