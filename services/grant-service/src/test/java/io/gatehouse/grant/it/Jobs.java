package io.gatehouse.grant.it;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.JobStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Test support for the many-instance stories: jobs and audit rows by event, and leases aged through plain JDBC. */
final class Jobs {

    private Jobs() {
    }

    static List<ApplyJob> byEvent(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ApplyJob.<ApplyJob>list("eventId = ?1 order by id", eventId));
    }

    static boolean allDone(Collection<String> eventIds) {
        return eventIds.stream().map(Jobs::byEvent).allMatch(jobs -> !jobs.isEmpty()
                && jobs.stream().allMatch(j -> j.status == JobStatus.DONE));
    }

    /** Every job of these events is done (an event may have queued none). */
    static boolean settled(Collection<String> eventIds) {
        return eventIds.stream().flatMap(e -> byEvent(e).stream()).allMatch(j -> j.status == JobStatus.DONE);
    }

    static List<AuditEntry> audit(Collection<String> eventIds) {
        return QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>list("eventId in ?1 order by id", eventIds));
    }

    static List<String> auditedOk(Collection<String> eventIds) {
        return audit(eventIds).stream().filter(e -> e.outcome == AuditOutcome.OK).map(e -> e.statement).toList();
    }

    static Map<String, Long> counts(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** As if the holder of {@code token} had died long ago: the job's lease and every role lock of the token run out. */
    static void expireLease(DataSource db, long jobId, String token) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "update role_lock set lease_until = timestamp '2000-01-01 00:00:00' where token = ?")) {
                s.setString(1, token);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "update apply_job set lease_until = timestamp '2000-01-01 00:00:00' where id = ?")) {
                s.setLong(1, jobId);
                s.executeUpdate();
            }
        }
    }
}
