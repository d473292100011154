package io.gatehouse.grant.domain;

import io.gatehouse.events.GrantsApplied;
import java.util.ArrayList;
import java.util.List;

/**
 * What one job applied to one role, as GrantsApplied events small enough for the broker. A first apply can run
 * thousands of statements on one role; in one event they would pass Kafka's default 1 MB record limit and the outbox
 * could never deliver it. So the statements are split, in order, into events of at most {@link #MAX_STATEMENTS}
 * statements and about {@link #MAX_STATEMENT_BYTES} bytes of them as JSON; every event names the same role and cause
 * (the same stream key, so they arrive in order).
 */
public final class GrantsAppliedChunks {

    /** At most this many statements in one event. */
    public static final int MAX_STATEMENTS = 1000;
    /** At most this many bytes of statements (as they appear in the JSON body) in one event: a quarter of 1 MB. */
    public static final int MAX_STATEMENT_BYTES = 256 * 1024;

    private GrantsAppliedChunks() {
    }

    public static List<GrantsApplied> of(String role, String causeEventId, String causeType, List<String> statements) {
        return of(role, causeEventId, causeType, statements, MAX_STATEMENTS, MAX_STATEMENT_BYTES);
    }

    /**
     * The events, each with at least one statement (the schema asks for one); a single statement over the byte budget
     * (none comes near: names are at most 255 characters) travels alone rather than being dropped.
     */
    static List<GrantsApplied> of(String role, String causeEventId, String causeType, List<String> statements,
                                  int maxStatements, int maxBytes) {
        List<GrantsApplied> events = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int bytes = 0;
        for (String sql : statements) {
            int size = jsonSize(sql);
            if (!chunk.isEmpty() && (chunk.size() == maxStatements || bytes + size > maxBytes)) {
                events.add(new GrantsApplied(role, causeEventId, causeType, List.copyOf(chunk)));
                chunk.clear();
                bytes = 0;
            }
            chunk.add(sql);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            events.add(new GrantsApplied(role, causeEventId, causeType, List.copyOf(chunk)));
        }
        return events;
    }

    /**
     * Bytes the statement takes in the JSON array, as Jackson writes it: its UTF-8 bytes, a backslash before each
     * quote, backslash and {@code \n}-style control character, {@code \}{@code u00XX} for any other control
     * character, the two quotes and a comma. Identifiers are double-quoted, so escaping alone adds a good share.
     */
    static int jsonSize(String sql) {
        int size = 3;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"' || c == '\\') {
                size += 2;
            } else if (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                size += 2;
            } else if (c < 0x20) {
                size += 6;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                size += 2;  // a surrogate pair is 4 bytes of UTF-8, 2 for each half
            } else {
                size += 3;
            }
        }
        return size;
    }
}
