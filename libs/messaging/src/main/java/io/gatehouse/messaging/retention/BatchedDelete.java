package io.gatehouse.messaging.retention;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.messaging.config.MessagingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Deletes the rows of a {@link RetentionTarget} older than a cutoff, a batch ({@code gatehouse.messaging.retention.batch-size})
 * per short transaction, until a batch finds fewer rows than it may take: a purge of a year's rows never holds long
 * locks or a long transaction that consumers and workers would wait behind. Counts every deleted row in
 * {@code gatehouse.retention.deleted{table}}.
 *
 * <p>A batch reads the keys of its oldest rows ({@code order by time limit n}, served by an index on the time column),
 * then deletes the dependent rows and the rows by those keys. Not the one-statement {@code delete ... where key in
 * (select ... limit n)}: composite keys ({@code processed_event}) and dependents would need the same selection twice,
 * which a concurrent change could make differ; keys read once are deleted exactly. Plain SQL that PostgreSQL and H2
 * (MODE=PostgreSQL) both run.
 */
@ApplicationScoped
public class BatchedDelete {

    /** What a purge of one target did. */
    public record Deleted(long rows, int batches) {
    }

    private final AgroalDataSource dataSource;
    private final MessagingConfig config;
    private final MeterRegistry registry;

    BatchedDelete(AgroalDataSource dataSource, MessagingConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
    }

    /** Deletes the target's rows whose time is before {@code cutoff}; returns how many of the target's own rows went. */
    public long olderThan(RetentionTarget target, Instant cutoff) {
        return olderThan(target, cutoff, config.retention().batchSize()).rows();
    }

    /** The same with a given batch size. */
    public Deleted olderThan(RetentionTarget target, Instant cutoff, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        long rows = 0;
        int batches = 0;
        while (true) {
            Batch batch = QuarkusTransaction.requiringNew().call(() -> batch(target, cutoff, batchSize));
            batches++;
            rows += batch.deleted();
            if (batch.found() < batchSize) {
                return new Deleted(rows, batches);
            }
        }
    }

    /** One batch: how many rows it found past the cutoff, and how many of them it deleted (a concurrent purge may have). */
    private record Batch(int found, long deleted) {
    }

    private Batch batch(RetentionTarget target, Instant cutoff, int batchSize) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Names names = new Names(connection.getMetaData());
            List<Object[]> keys = oldestKeys(connection, names, target, cutoff, batchSize);
            if (keys.isEmpty()) {
                return new Batch(0, 0);
            }
            for (RetentionTarget.Dependent dependent : target.dependents()) {
                count(dependent.table(), deleteByKey(connection, names, dependent.table(), List.of(dependent.column()), keys));
            }
            long deleted = deleteByKey(connection, names, target.table(), target.key(), keys);
            count(target.table(), deleted);
            return new Batch(keys.size(), deleted);
        }
    }

    private static List<Object[]> oldestKeys(Connection connection, Names names, RetentionTarget target, Instant cutoff,
                                             int batchSize) throws SQLException {
        String time = "t." + names.quote(target.timeColumn());
        String sql = "select " + target.key().stream().map(k -> "t." + names.quote(k)).collect(Collectors.joining(", "))
                + " from " + names.quote(target.table()) + " t where " + time + " < ?"
                + (target.condition() == null ? "" : " and (" + target.condition() + ")")
                + " order by " + time + " limit ?";
        List<Object[]> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            // Bound as Hibernate binds an Instant (TIMESTAMP_UTC), so columns written through entities compare alike.
            select.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            select.setInt(2, batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Object[] key = new Object[target.key().size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = rows.getObject(i + 1);
                    }
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static long deleteByKey(Connection connection, Names names, String table, List<String> columns,
                                    List<Object[]> keys) throws SQLException {
        String sql = "delete from " + names.quote(table) + " where "
                + columns.stream().map(c -> names.quote(c) + " = ?").collect(Collectors.joining(" and "));
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (Object[] key : keys) {
                for (int i = 0; i < key.length; i++) {
                    delete.setObject(i + 1, key[i]);
                }
                delete.addBatch();
            }
            long deleted = 0;
            for (int count : delete.executeBatch()) {
                deleted += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
            }
            return deleted;
        }
    }

    private void count(String table, long deleted) {
        if (deleted > 0) {
            registry.counter("gatehouse.retention.deleted", "table", table).increment(deleted);
        }
    }

    /**
     * Quotes a checked name the way the database stored it: the migrations write names unquoted, which H2 keeps upper
     * case and PostgreSQL lower case, so a quoted name must be folded alike to find the table.
     */
    private record Names(boolean upper, String quote) {

        Names(DatabaseMetaData meta) throws SQLException {
            this(meta.storesUpperCaseIdentifiers(), meta.getIdentifierQuoteString().trim());
        }

        String quote(String name) {
            String stored = upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
            return quote + stored + quote;
        }
    }
}
