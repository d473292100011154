package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.config.ParentRoleRule;
import io.gatehouse.grant.snowflake.SnowflakeConnections;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The parent role at startup: a configuration refused by {@link ParentRoleRule} stops the service with the reason; then
 * {@code SHOW ROLES LIKE} must find the role in Snowflake. That check never holds startup up: it runs in the
 * background until Snowflake answers (readiness down meanwhile, "not checked yet"), and again while the role is missing
 * (readiness down naming it: every GRANT ROLE ... TO ROLE of a new role would fail on it).
 */
@Readiness
@ApplicationScoped
public class ParentRoleCheck implements HealthCheck {

    private final SnowflakeConnections snowflake;
    private final String parent;
    private final String prefix;
    /** Null once the role was found; else why readiness is down. */
    private final AtomicReference<String> problem = new AtomicReference<>("parent role not checked in Snowflake yet");

    ParentRoleCheck(SnowflakeConnections snowflake, GrantConfig config) {
        this.snowflake = snowflake;
        this.parent = config.parentRole();
        this.prefix = config.managedPrefix();
    }

    void onStart(@Observes StartupEvent event) {
        ParentRoleRule.refusal(parent, prefix).ifPresent(refusal -> {
            throw new IllegalStateException(refusal);
        });
    }

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        if (problem.get() == null) {
            return;
        }
        try (Connection c = snowflake.borrow()) {
            if (exists(c, parent)) {
                problem.set(null);
                Log.infof("parent role %s found in Snowflake", parent);
            } else {
                problem.set("parent role " + parent + " (gatehouse.grant.parent-role) does not exist in Snowflake; "
                        + "create it or configure an existing one");
                Log.error(problem.get());
            }
        } catch (SQLException e) {
            snowflake.evictIfSessionLost(e);
            problem.set("parent role " + parent + " not checked yet: Snowflake did not answer (" + e.getMessage() + ")");
            Log.warn(problem.get());
        }
    }

    /** SHOW ROLES LIKE with every character but letters and digits as '_' (no escaping), then the exact name. */
    static boolean exists(Connection c, String role) throws SQLException {
        String like = role.replaceAll("[^A-Za-z0-9]", "_");
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW ROLES LIKE '" + like + "'")) {
            while (rs.next()) {
                if (role.equals(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public HealthCheckResponse call() {
        String now = problem.get();
        return now == null ? HealthCheckResponse.up("gatehouse-parent-role")
                : HealthCheckResponse.builder().name("gatehouse-parent-role").down().withData("reason", now).build();
    }
}
