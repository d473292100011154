package io.gatehouse.bench;

import io.gatehouse.naming.Identifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small, faithful model of how Permifrost, Titan (sync mode) and SnowDDL keep Snowflake in line with a spec: read
 * the state of every managed role with SHOW, diff it against the whole spec, apply the difference (docs research,
 * snowflake-rbac.md 1.1, 1.2, 1.4).
 *
 * <ul>
 *   <li>read: {@code SHOW ROLES LIKE '<prefix>%'} (SnowDDL's managed class of roles), {@code SHOW USERS} (Permifrost
 *       lists users; Titan reads a user's DEFAULT_ROLE from it), then for every managed role {@code SHOW GRANTS TO
 *       ROLE} and {@code SHOW GRANTS OF ROLE} (Titan's sync mode reads both);</li>
 *   <li>diff: roles missing are created, grants missing granted, grants not in the spec revoked (Permifrost and
 *       SnowDDL revoke drift), DEFAULT_ROLEs set; OWNERSHIP rows are left out, as all three do;</li>
 *   <li>apply: creates, then revokes, then grants and user defaults.</li>
 * </ul>
 * Serial (concurrency 1) is Permifrost and Titan, which issue one statement after the other; with more, the per-role
 * reads and each step's statements run on that many connections at once, as Snowcap (8 threads) and SnowDDL (32) do.
 */
final class FullResync {

    /** A grant on or of a managed role, as SHOW GRANTS shows it (names unquoted, upper case). */
    sealed interface Grant {
        String grant();

        String revoke();
    }

    /** A privilege on an object held by a role: {@code SHOW GRANTS TO ROLE}, granted_on other than ROLE. */
    record Privilege(String privilege, String on, String name, String role) implements Grant {
        @Override
        public String grant() {
            return "GRANT " + privilege + " ON " + on + " " + qualified(name) + " TO ROLE " + Identifier.quote(role);
        }

        @Override
        public String revoke() {
            return "REVOKE " + privilege + " ON " + on + " " + qualified(name) + " FROM ROLE " + Identifier.quote(role);
        }
    }

    /** A role granted to a role or a user: {@code SHOW GRANTS OF ROLE}, or TO ROLE's USAGE on ROLE rows. */
    record Membership(String role, String granteeType, String grantee) implements Grant {
        @Override
        public String grant() {
            return "GRANT ROLE " + Identifier.quote(role) + " TO " + granteeType + " " + Identifier.quote(grantee);
        }

        @Override
        public String revoke() {
            return "REVOKE ROLE " + Identifier.quote(role) + " FROM " + granteeType + " " + Identifier.quote(grantee);
        }
    }

    /** One run: the statements it read and changed with, in order, and its wall time (logins excluded). */
    record Run(int concurrency, List<String> reads, List<String> changes, Duration took) {
        int statements() {
            return reads.size() + changes.size();
        }
    }

    /** The difference as statements, in three steps applied one after the other. */
    record Changes(List<String> creates, List<String> revokes, List<String> grants) {
        List<List<String>> steps() {
            return List.of(creates, revokes, grants);
        }

        List<String> all() {
            return steps().stream().flatMap(List::stream).toList();
        }
    }

    private final String url;
    private final Properties login;

    FullResync(String url, Properties login) {
        this.url = url;
        this.login = login;
    }

    /**
     * Brings every managed role in line with {@code spec}, reading and applying on {@code concurrency} connections.
     * The connections log in before the clock starts: a tool logs in once per run.
     */
    Run sync(AccessSpec spec, int concurrency) throws Exception {
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(concurrency);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int i = 0; i < concurrency; i++) {
                connections.add(DriverManager.getConnection(url, login));
            }
            Session session = new Session(connections, pool);
            Instant start = Instant.now();
            Changes changes = diff(spec, session);
            session.apply(changes);
            return new Run(concurrency, session.reads, changes.all(), Duration.between(start, Instant.now()));
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** Reads the managed roles' actual state and returns the statements that bring it to the spec, in apply order. */
    private Changes diff(AccessSpec spec, Session session) throws Exception {
        List<String> roles = new ArrayList<>();
        for (Map<String, String> row : session.read("SHOW ROLES LIKE '" + spec.prefix() + "%'")) {
            if (row.get("name").startsWith(spec.prefix())) {
                roles.add(row.get("name"));
            }
        }
        Map<String, String> defaults = new HashMap<>();
        for (Map<String, String> row : session.read("SHOW USERS")) {
            defaults.put(row.get("name"), row.get("default_role"));
        }
        List<String> queries = new ArrayList<>();
        for (String role : roles) {
            queries.add("SHOW GRANTS TO ROLE " + Identifier.quote(role));
            queries.add("SHOW GRANTS OF ROLE " + Identifier.quote(role));
        }
        Set<Grant> actual = new HashSet<>();
        List<List<Map<String, String>>> results = session.readAll(queries);
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            results.get(2 * i).forEach(row -> heldBy(role, row, actual));
            results.get(2 * i + 1).forEach(row -> actual.add(grantOf(role, row)));
        }

        Set<String> existing = new HashSet<>(roles);
        List<String> creates = new ArrayList<>();
        spec.roles().stream().filter(r -> !existing.contains(r))
                .forEach(r -> creates.add("CREATE ROLE IF NOT EXISTS " + Identifier.quote(r)));
        Set<Grant> desired = spec.grants();
        List<String> revokes = actual.stream().filter(g -> !desired.contains(g)).map(Grant::revoke).sorted().toList();
        List<String> grants = new ArrayList<>(desired.stream().filter(g -> !actual.contains(g)).map(Grant::grant)
                .sorted().toList());
        spec.defaultRoles().forEach((user, role) -> {
            if (!role.equals(defaults.get(user))) {
                grants.add("ALTER USER " + Identifier.quote(user) + " SET DEFAULT_ROLE = " + Identifier.quote(role));
            }
        });
        return new Changes(creates, revokes, grants);
    }

    /** A {@code SHOW GRANTS TO ROLE} row: a privilege the role holds, or a role it holds (USAGE on ROLE). */
    static void heldBy(String role, Map<String, String> row, Set<Grant> into) {
        String privilege = row.get("privilege");
        if ("OWNERSHIP".equals(privilege)) {
            return;
        }
        if ("ROLE".equals(row.get("granted_on"))) {
            into.add(new Membership(row.get("name"), "ROLE", role));
        } else {
            into.add(new Privilege(privilege, row.get("granted_on"), row.get("name"), role));
        }
    }

    /** A {@code SHOW GRANTS OF ROLE} row: where the role is granted. */
    static Grant grantOf(String role, Map<String, String> row) {
        return new Membership(role, row.get("granted_to"), row.get("grantee_name"));
    }

    private static String qualified(String name) {
        return Identifier.qualified(Identifier.parseQualified(name));
    }

    /** The run's connections, pool and the reads it issued. */
    private static final class Session {

        private final BlockingQueue<Connection> connections;
        private final ExecutorService pool;
        private final List<String> reads = new ArrayList<>();

        Session(BlockingQueue<Connection> connections, ExecutorService pool) {
            this.connections = connections;
            this.pool = pool;
        }

        List<Map<String, String>> read(String sql) throws Exception {
            return readAll(List.of(sql)).get(0);
        }

        /** Runs the reads on the pool, each on a free connection; the results in the order asked. */
        List<List<Map<String, String>>> readAll(List<String> queries) throws Exception {
            reads.addAll(queries);
            List<Future<List<Map<String, String>>>> futures = new ArrayList<>();
            for (String sql : queries) {
                futures.add(pool.submit(() -> onConnection(c -> query(c, sql))));
            }
            List<List<Map<String, String>>> results = new ArrayList<>();
            for (Future<List<Map<String, String>>> f : futures) {
                results.add(f.get());
            }
            return results;
        }

        /** Each step's statements at once on the pool; a step waits for the one before (a grant needs its role). */
        void apply(Changes changes) throws Exception {
            for (List<String> step : changes.steps()) {
                List<Future<Object>> futures = new ArrayList<>();
                for (String sql : step) {
                    futures.add(pool.submit(() -> onConnection(c -> {
                        try (java.sql.Statement s = c.createStatement()) {
                            return s.execute(sql);
                        }
                    })));
                }
                for (Future<Object> f : futures) {
                    f.get();
                }
            }
        }

        private <T> T onConnection(Jdbc<T> work) throws Exception {
            Connection c = connections.take();
            try {
                return work.on(c);
            } finally {
                connections.add(c);
            }
        }

        private static List<Map<String, String>> query(Connection c, String sql) throws SQLException {
            List<Map<String, String>> rows = new ArrayList<>();
            try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @FunctionalInterface
    private interface Jdbc<T> {
        T on(Connection c) throws Exception;
    }
}
