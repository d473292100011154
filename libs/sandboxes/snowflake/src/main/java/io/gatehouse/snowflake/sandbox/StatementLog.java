package io.gatehouse.snowflake.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Every statement the sandbox ran, with counts per kind ("GRANT", "CREATE ROLE", "SHOW GRANTS", ...), for
 * tests and benchmarks. Passwords in the SQL text are masked. Keeps the last {@value #MAX_ENTRIES} entries;
 * counts are never trimmed.
 */
public final class StatementLog {

    static final int MAX_ENTRIES = 100_000;
    private static final Pattern PASSWORD = Pattern.compile("(?i)(PASSWORD\\s*=\\s*)('(?:[^'\\\\]|''|\\\\.)*'|\\S+)");
    private static final List<String> TWO_WORD = List.of("CREATE", "DROP", "SHOW", "USE", "ALTER");

    /** One executed statement; {@code errorCode} is null on success. */
    public record Entry(Instant at, long sessionId, String user, String role, String kind, String sql,
                        String errorCode, long micros) {

        public boolean succeeded() {
            return errorCode == null;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    void record(long sessionId, String user, String role, String sql, String errorCode, long micros) {
        String masked = PASSWORD.matcher(sql).replaceAll("$1'***'");
        Entry entry = new Entry(Instant.now(), sessionId, user, role, kindOf(sql), masked, errorCode, micros);
        total.incrementAndGet();
        if (errorCode != null) {
            errors.incrementAndGet();
        }
        counts.computeIfAbsent(entry.kind(), k -> new AtomicLong()).incrementAndGet();
        synchronized (entries) {
            entries.addLast(entry);
            if (entries.size() > MAX_ENTRIES) {
                entries.removeFirst();
            }
        }
    }

    /** The statement kind: the first keyword, or the first two for CREATE/DROP/SHOW/USE/ALTER. */
    public static String kindOf(String sql) {
        String[] words = sql.trim().split("\\s+", 3);
        String first = words[0].toUpperCase(Locale.ROOT);
        if (TWO_WORD.contains(first) && words.length > 1) {
            return first + " " + words[1].toUpperCase(Locale.ROOT).replaceAll("[^A-Z_]", "");
        }
        return first;
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    /** Statements run since start or the last {@link #clear()}. */
    public long count() {
        return total.get();
    }

    /** Statements of one kind, e.g. {@code count("GRANT")} or {@code count("SHOW GRANTS")}. */
    public long count(String kind) {
        AtomicLong n = counts.get(kind.toUpperCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    public long errorCount() {
        return errors.get();
    }

    public Map<String, Long> countsByKind() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        counts.clear();
        total.set(0);
        errors.set(0);
    }
}
