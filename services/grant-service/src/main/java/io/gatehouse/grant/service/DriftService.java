package io.gatehouse.grant.service;

import io.gatehouse.events.DriftDetected;
import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.DesiredState;
import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.RoleState;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.Securable;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.persistence.RoleRegistry;
import io.gatehouse.grant.snowflake.GrantReader;
import io.gatehouse.grant.snowflake.SnowflakeConnections;
import io.gatehouse.messaging.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Managed roles' actual grants (SHOW GRANTS TO / OF ROLE, SHOW FUTURE GRANTS IN SCHEMA) against the desired state.
 * Missing and extra grants are given as the statements that would fix them; reconcile queues a job per drifted role,
 * which plans its fix again when it runs.
 * A managed role granted to a role outside the prefix is reported but never revoked (that would change a role
 * Gatehouse does not manage).
 */
@ApplicationScoped
public class DriftService {

    public record RoleDrift(String role, List<String> missing, List<String> extra, List<String> notReconciled,
                            List<Statement> fix) {
        public boolean drifted() {
            return !missing.isEmpty() || !extra.isEmpty() || !notReconciled.isEmpty();
        }
    }

    /**
     * Roles whose desired state one transaction reads at most (a page, read by one reader role after role): a few
     * queries for the page instead of some eight and a transaction per role. Small, so a role's desired state is read
     * at most a page's reads (25 x 2 SHOW, about 5 s at 100 ms) before its grants.
     */
    static final int PAGE = 25;

    private final SnowflakeConnections snowflake;
    private final GrantModel model;
    private final RoleRegistry registry;
    private final FactStore facts;
    private final Ledger ledger;
    private final JobQueue jobs;
    private final Outbox outbox;
    private final GrantConfig config;
    private final ExecutorService readers;
    private static final AtomicInteger READERS = new AtomicInteger();

    DriftService(SnowflakeConnections snowflake, GrantModel model, RoleRegistry registry, FactStore facts,
                 Ledger ledger, JobQueue jobs, Outbox outbox, GrantConfig config) {
        this.snowflake = snowflake;
        this.model = model;
        this.registry = registry;
        this.facts = facts;
        this.ledger = ledger;
        this.jobs = jobs;
        this.outbox = outbox;
        this.config = config;
        // one pool for every scan of this instance, so two scans at once still hold at most this many connections
        this.readers = Executors.newFixedThreadPool(Math.max(1, config.drift().concurrency()), runnable -> {
            Thread t = new Thread(runnable, "drift-reader-" + READERS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Drift of every role Gatehouse has applied, or of one role. The roles are read in parallel, up to
     * {@code drift.concurrency} at a time over the whole instance, a page of them ({@link #PAGE}, fewer when that
     * leaves a reader idle) per reader: the page's desired states in one transaction, then each role on its own
     * pooled connection; a role whose pooled session turns out to be dead is read again from the start on a new login
     * (reads only). The result is the serial scan's, in the ledger's order.
     */
    public List<RoleDrift> check(Optional<String> only) throws SQLException {
        List<String> roles = QuarkusTransaction.requiringNew().call(() -> only.map(List::of).orElseGet(ledger::roles));
        int concurrency = Math.max(1, config.drift().concurrency());
        int page = Math.max(1, Math.min(PAGE, (roles.size() + concurrency - 1) / concurrency));
        List<Future<List<RoleDrift>>> reads = new ArrayList<>(roles.size() / page + 1);
        for (int from = 0; from < roles.size(); from += page) {
            List<String> pageRoles = roles.subList(from, Math.min(roles.size(), from + page));
            reads.add(readers.submit(() -> scan(pageRoles)));
        }
        List<RoleDrift> drifts = new ArrayList<>();
        try {
            for (Future<List<RoleDrift>> read : reads) {
                read.get().stream().filter(RoleDrift::drifted).forEach(drifts::add);
            }
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("drift check interrupted", e);
        } finally {
            reads.forEach(read -> read.cancel(false)); // a failed scan stops queueing reads
        }
        return drifts;
    }

    /** A managed, registered role with its desired state: what a scan reads and compares. */
    record Subject(ManagedRole managed, RoleState desired) {
        Optional<SchemaRef> sharedSchema() {
            return managed instanceof ManagedRole.SharedSchema s
                    ? Optional.of(new SchemaRef(s.database(), s.schema())) : Optional.empty();
        }
    }

    /** The role's desired state, or empty when it is not Gatehouse's (outside the prefix, unregistered). */
    Optional<Subject> subject(String role) {
        return Optional.ofNullable(subjects(List.of(role)).get(role));
    }

    /**
     * The roles' desired states, in one transaction and a few queries for all of them (the users' facts read at once);
     * roles that are not Gatehouse's (outside the prefix, unregistered) are left out.
     */
    Map<String, Subject> subjects(List<String> roles) {
        List<String> managed = roles.stream().filter(model.names()::isManaged).toList();
        if (managed.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, ManagedRole> registered = registry.resolve(managed);
            Set<String> users = new HashSet<>();
            registered.values().forEach(r -> {
                if (r instanceof ManagedRole.User u) {
                    users.add(u.login());
                }
            });
            DesiredState desired = model.desiredOver(facts.usersFacts(users));
            Map<String, Subject> subjects = new HashMap<>();
            registered.forEach((name, role) -> subjects.put(name, new Subject(role, desired.state(role))));
            return subjects;
        });
    }

    /** What Snowflake shows for a managed role now (SHOW FUTURE GRANTS too for a shared schema's role). */
    public Optional<Set<Grant>> actual(Connection c, String role) throws SQLException {
        Optional<Subject> subject = subject(role);
        return GrantReader.read(c, role, subject.flatMap(Subject::sharedSchema));
    }

    /**
     * One page of a parallel scan, role after role: each on its own borrowed connection, read again on a new login when
     * the session was lost.
     */
    private List<RoleDrift> scan(List<String> roles) throws SQLException {
        Map<String, Subject> subjects = subjects(roles);
        List<RoleDrift> drifts = new ArrayList<>();
        for (String role : roles) {
            Subject subject = subjects.get(role);
            if (subject != null) {
                Optional<SchemaRef> schema = subject.sharedSchema();
                drifts.add(drift(subject, snowflake.withRetryOnLostSession(c -> GrantReader.read(c, role, schema))));
            }
        }
        return drifts;
    }

    private RoleDrift drift(Subject subject, Optional<Set<Grant>> actual) {
        return compare(subject.desired(), actual.orElse(Set.of()), subject.sharedSchema());
    }

    /** The serial scan on one connection: a reconcile job's few roles, under the job's claim. */
    private List<RoleDrift> check(Connection c, List<String> roles) throws SQLException {
        Map<String, Subject> subjects = subjects(roles);
        List<RoleDrift> drifts = new ArrayList<>();
        for (String role : roles) {
            Subject subject = subjects.get(role);
            if (subject != null) {
                RoleDrift d = drift(subject, GrantReader.read(c, role, subject.sharedSchema()));
                if (d.drifted()) {
                    drifts.add(d);
                }
            }
        }
        return drifts;
    }

    private static SQLException rethrown(Throwable cause) {
        if (cause instanceof SQLException e) {
            return e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        return new SQLException("drift check failed: " + cause, cause);
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    RoleDrift compare(RoleState desired, Set<Grant> actual, Optional<SchemaRef> sharedSchema) {
        Set<Grant> want = new HashSet<>();
        for (Grant g : desired.grants()) {
            // A user's defaults are not drift: Snowflake lets users set their own (ALTER USER on themselves).
            boolean unreadable = g instanceof Grant.ManagedSchema || g instanceof Grant.UserDefaults
                    || (g instanceof Grant.Privilege p && p.on().type() == Securable.Type.ALL_TABLES_IN_SCHEMA);
            if (!unreadable) {
                want.add(g);
            }
        }
        Set<Grant> have = new HashSet<>();
        List<String> notReconciled = new ArrayList<>();
        for (Grant g : actual) {
            if (sharedSchema.isPresent() && coveredBySharedSchema(g, sharedSchema.get())) {
                continue;
            }
            if (g instanceof Grant.GrantedTo t && t.grantee() == Grant.Grantee.ROLE && model.names().isManaged(t.name())) {
                continue; // held by another managed role: that role's own state covers it
            }
            if (g instanceof Grant.GrantedTo t && t.grantee() == Grant.Grantee.ROLE && !t.name().equals(config.parentRole())) {
                notReconciled.add("GRANT ROLE \"" + desired.role() + "\" TO ROLE \"" + t.name() + "\" (outside the managed prefix)");
                continue;
            }
            if (!model.planner().expresses(g)) {
                notReconciled.add(desired.role() + " holds " + g + " (granted outside Gatehouse; an operator must decide)");
                continue;
            }
            have.add(g);
        }
        RoleState wanted = new RoleState(desired.role(), desired.exists(), want);
        List<Statement> fix = model.planner().diff(List.of(wanted), r -> have);
        List<String> missing = fix.stream().filter(Statement::adds).map(Statement::sql).toList();
        List<String> extra = fix.stream().filter(s -> !s.adds()).map(Statement::sql).toList();
        return new RoleDrift(desired.role(), missing, extra, notReconciled, fix);
    }

    /** Table privileges inside a shared schema come from its ALL / FUTURE grants: they are expected. */
    private static boolean coveredBySharedSchema(Grant g, SchemaRef schema) {
        return g instanceof Grant.Privilege p && p.on().type() == Securable.Type.TABLE
                && p.on().parts().get(0).equals(schema.database()) && p.on().parts().get(1).equals(schema.schema())
                && DesiredState.SHARED_TABLE_PRIVILEGES.contains(p.privilege());
    }

    /**
     * The statements that restore the roles to their desired state, from what Snowflake shows now; a reconcile job plans
     * with it while its claim holds the roles' locks, so a fix is never older than the facts it runs against.
     */
    public List<Statement> fix(Connection c, List<String> roles) throws SQLException {
        return check(c, roles).stream().flatMap(d -> d.fix().stream()).toList();
    }

    /** What a reconcile found, and the id its apply jobs carry as their event (audit: {@code GET /audit?event=}). */
    public record Reconciling(String reconcileId, List<RoleDrift> drifts) {
    }

    /**
     * Publishes DriftDetected for each drifted role and, when asked, queues one reconcile job per role with something to
     * fix. The fix found here is not run: the job plans again when it runs, with the role locked, against the facts and
     * Snowflake's grants of that moment (a leave applied meanwhile wins).
     */
    public Reconciling reconcile(Optional<String> only, boolean fix) throws SQLException {
        List<RoleDrift> drifts = check(only);
        String reconcileId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            drifts.forEach(d -> outbox.publish(new DriftDetected(d.role(), d.missing(),
                    concat(d.extra(), d.notReconciled()))));
            if (fix) {
                enqueue(reconcileId, drifts.stream().filter(d -> !d.fix().isEmpty()).map(RoleDrift::role).toList());
            }
        });
        return new Reconciling(reconcileId, drifts);
    }

    /** Queues a reconcile job for each role (in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String reconcileId, List<String> roles) {
        roles.forEach(role -> jobs.enqueueReconcile(reconcileId, role));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
