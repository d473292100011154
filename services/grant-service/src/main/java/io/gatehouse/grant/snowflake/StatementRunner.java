package io.gatehouse.grant.snowflake;

import io.gatehouse.grant.domain.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs a plan's statements in order on one connection and stops at the first failure: what follows may
 * depend on it (grant after create). Each statement is its own Snowflake transaction (DDL auto-commits).
 */
public final class StatementRunner {

    /** One statement's result: {@code error} is null when it succeeded. */
    public record Outcome(Statement statement, long durationMs, SQLException error) {
        public boolean ok() {
            return error == null;
        }
    }

    private StatementRunner() {
    }

    public static List<Outcome> run(Connection connection, List<Statement> plan) {
        return run(connection, plan, () -> true);
    }

    /** Runs the plan as long as {@code go} says so before each statement (a job's claim still held). */
    public static List<Outcome> run(Connection connection, List<Statement> plan, BooleanSupplier go) {
        List<Outcome> outcomes = new ArrayList<>(plan.size());
        for (Statement s : plan) {
            if (!go.getAsBoolean()) {
                break;
            }
            long start = System.nanoTime();
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute(s.sql());
                outcomes.add(new Outcome(s, (System.nanoTime() - start) / 1_000_000, null));
            } catch (SQLException e) {
                outcomes.add(new Outcome(s, (System.nanoTime() - start) / 1_000_000, e));
                break;
            }
        }
        return outcomes;
    }
}
