package io.gatehouse.grant.persistence;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.messaging.retention.RetentionRules;
import io.gatehouse.messaging.retention.RetentionTarget;
import io.gatehouse.messaging.retention.RetentionWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the grant-service keeps only for a while ({@code gatehouse.grant.retention.*}). Done jobs go with their role rows
 * once finished longer than {@code done-jobs}: DONE is final (a replay takes parked jobs only, and a key's order is kept
 * by its unfinished jobs), and a done job's {@code updated_at} is when it finished. Pending, waiting and parked jobs stay
 * however old. Audit entries go after {@code audit}; they name their job by id only (no foreign key), so an entry
 * outlives its job and reads the same.
 */
@ApplicationScoped
public class GrantRetention implements RetentionRules {

    static final RetentionTarget DONE_JOBS = RetentionTarget.of("apply_job", "updated_at", "id")
            .where("t.status = '" + JobStatus.DONE.name() + "'")
            .withDependent("apply_job_role", "job_id");
    static final RetentionTarget AUDIT = RetentionTarget.of("audit_entry", "executed_at", "id");

    private final GrantConfig config;

    GrantRetention(GrantConfig config) {
        this.config = config;
    }

    @Override
    public List<RetentionWindow> windows() {
        return List.of(new RetentionWindow(DONE_JOBS, config.retention().doneJobs()),
                new RetentionWindow(AUDIT, config.retention().audit()));
    }
}
