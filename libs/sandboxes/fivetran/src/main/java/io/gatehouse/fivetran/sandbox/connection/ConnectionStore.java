package io.gatehouse.fivetran.sandbox.connection;

import io.gatehouse.fivetran.sandbox.ServiceCatalog;
import io.gatehouse.fivetran.sandbox.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * All connections and destination groups. Callers synchronize on the store for multi-step changes; the store's
 * own methods are synchronized so single reads and writes are safe from the server and simulator threads.
 */
public final class ConnectionStore {
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final ServiceCatalog catalog;
    private int creates;

    public ConnectionStore(ServiceCatalog catalog, Set<String> groups) {
        this.catalog = catalog;
        this.groups.addAll(groups);
    }

    public ServiceCatalog catalog() { return catalog; }

    public synchronized void addGroup(String groupId) { groups.add(groupId); }

    public synchronized boolean hasGroup(String groupId) { return groups.contains(groupId); }

    public synchronized void add(Connection connection) {
        connections.put(connection.id, connection);
        creates++;
    }

    public synchronized int createCount() { return creates; }

    public synchronized boolean schemaTaken(String groupId, String schema) {
        return connections.values().stream().anyMatch(c -> c.groupId.equals(groupId) && c.schema.equals(schema));
    }

    /** The connection, or Fivetran's 404 using the resource name the caller used (connections or connectors). */
    public synchronized Connection require(String id, boolean legacyPath) {
        Connection connection = connections.get(id);
        if (connection == null) {
            throw legacyPath
                    ? ApiError.notFound("NotFound_Connector", "Connector with id '" + id + "' doesn't exist")
                    : ApiError.notFound("NotFound_Connection", "Connection with id '" + id + "' doesn't exist");
        }
        return connection;
    }

    public synchronized Connection find(String id) { return connections.get(id); }

    public synchronized void remove(String id) { connections.remove(id); }

    public synchronized List<Connection> all() { return List.copyOf(connections.values()); }

    public synchronized void clear() {
        connections.clear();
        creates = 0;
    }

    /** One page of matching connections in creation order; the cursor is the id of the next item, opaque to callers. */
    public synchronized Page page(Predicate<Connection> filter, String cursor, int limit) {
        List<Connection> matching = connections.values().stream().filter(filter).toList();
        int start = 0;
        if (cursor != null && !cursor.isEmpty()) {
            String after = decodeCursor(cursor);
            start = -1;
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id.equals(after)) start = i;
            }
            if (start < 0) throw ApiError.invalidInput("Invalid cursor value");
        }
        int end = Math.min(matching.size(), start + limit);
        List<Connection> items = new ArrayList<>(matching.subList(start, end));
        String next = end < matching.size() ? encodeCursor(matching.get(end).id) : null;
        return new Page(items, next);
    }

    public record Page(List<Connection> items, String nextCursor) {}

    private static String encodeCursor(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidInput("Invalid cursor value");
        }
    }
}
