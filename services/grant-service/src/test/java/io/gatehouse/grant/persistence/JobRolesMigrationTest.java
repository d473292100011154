package io.gatehouse.grant.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway on the build's database (H2, or PostgreSQL with -Ppostgres) in a schema of its own: V2 moves the roles of
 * jobs written under V1 into apply_job_role, in their order.
 */
class JobRolesMigrationTest {

    private static final String SCHEMA = "job_roles_migration";

    // -Ppostgres passes the build's database as gatehouse.test.db.url, as it does for the Quarkus tests
    private final String url = System.getProperty("gatehouse.test.db.url",
            "jdbc:h2:mem:job-roles-migration;DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    private final String user = System.getProperty("quarkus.datasource.username", "sa");

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(url, user, null).schemas(SCHEMA).locations("classpath:db/migration")
                .cleanDisabled(false);
    }

    @BeforeEach
    @AfterEach
    void clean() {
        flyway().load().clean();
    }

    @Test
    void pendingParkedAndDoneJobsKeepTheirRolesInOrder() throws SQLException {
        flyway().target("1").load().migrate();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("insert into apply_job (job_key, event_type, roles, status, attempts, next_attempt_at, created_at, "
                    + "updated_at) values "
                    + "('u1', 'e', 'GH_USER_A', 'PENDING', 0, current_timestamp, current_timestamp, current_timestamp), "
                    + "('t1', 'e', 'GH_TG_X,GH_BIZ_B_PUBLIC,GH_BIZ_A_PUBLIC', 'PARKED', 3, current_timestamp, "
                    + "current_timestamp, current_timestamp), "
                    + "('u2', 'e', 'GH_SS_LAB_T,GH_USER_C', 'DONE', 1, current_timestamp, current_timestamp, "
                    + "current_timestamp)");
        }

        flyway().load().migrate();

        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select j.job_key, r.role_index, r.role_name from apply_job j "
                     + "join apply_job_role r on r.job_id = j.id order by j.id, r.role_index")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
            }
        }
        assertThat(rows).containsExactly("u1 0 GH_USER_A", "t1 0 GH_TG_X", "t1 1 GH_BIZ_B_PUBLIC", "t1 2 GH_BIZ_A_PUBLIC",
                "u2 0 GH_SS_LAB_T", "u2 1 GH_USER_C");
        try (Connection c = connect(); ResultSet columns = c.getMetaData().getColumns(null, null, null, null)) {
            List<String> jobColumns = new ArrayList<>();
            while (columns.next()) {
                if ("apply_job".equalsIgnoreCase(columns.getString("TABLE_NAME"))
                        && SCHEMA.equalsIgnoreCase(columns.getString("TABLE_SCHEM"))) {
                    jobColumns.add(columns.getString("COLUMN_NAME").toLowerCase());
                }
            }
            assertThat(jobColumns).contains("job_key", "status").doesNotContain("roles");
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, null);
        c.setSchema(SCHEMA);
        return c;
    }
}
