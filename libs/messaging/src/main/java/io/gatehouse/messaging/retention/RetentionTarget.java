package io.gatehouse.messaging.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows a service keeps only for a while: those of {@code table} whose {@code timeColumn} lies before a cutoff and that
 * also meet {@code condition}, deleted by their {@code key} together with the rows of {@code dependents} that point at
 * them (a foreign key without cascade). The condition is SQL over the row as {@code t} (it may look at other rows, e.g.
 * to keep a request's latest entry), written in code, never taken from input; the names are checked here, and quoted
 * when the statements are built ({@link BatchedDelete}).
 */
public record RetentionTarget(String table, String timeColumn, List<String> key, String condition, List<Dependent> dependents) {

    /** Lower-case SQL names only: what every Gatehouse migration writes, and nothing a name could smuggle in. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** Rows of {@code table} that point at the target's rows through {@code column} (the target's single-column key). */
    public record Dependent(String table, String column) {

        public Dependent {
            checkName(table);
            checkName(column);
        }
    }

    public RetentionTarget {
        checkName(table);
        checkName(timeColumn);
        if (key.isEmpty()) {
            throw new IllegalArgumentException(table + ": a retention target needs its key columns");
        }
        key.forEach(RetentionTarget::checkName);
        if (!dependents.isEmpty() && key.size() != 1) {
            throw new IllegalArgumentException(table + ": dependent rows point at a single-column key");
        }
        key = List.copyOf(key);
        dependents = List.copyOf(dependents);
    }

    /** Every row of {@code table} whose {@code timeColumn} is past the cutoff, deleted by {@code key}. */
    public static RetentionTarget of(String table, String timeColumn, String... key) {
        return new RetentionTarget(table, timeColumn, Arrays.asList(key), null, List.of());
    }

    /** Only the rows that also meet {@code sql} (over the row as {@code t}). */
    public RetentionTarget where(String sql) {
        return new RetentionTarget(table, timeColumn, key, sql, dependents);
    }

    /** Deletes the rows of {@code dependentTable} whose {@code column} names a deleted row first. */
    public RetentionTarget withDependent(String dependentTable, String column) {
        List<Dependent> more = new ArrayList<>(dependents);
        more.add(new Dependent(dependentTable, column));
        return new RetentionTarget(table, timeColumn, key, condition, more);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL name: " + name);
        }
    }
}
