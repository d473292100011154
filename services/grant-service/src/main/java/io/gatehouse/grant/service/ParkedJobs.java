package io.gatehouse.grant.service;

import io.gatehouse.errors.NotFoundException;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Apply jobs that failed permanently or too often, waiting for an operator to look and replay. */
@ApplicationScoped
public class ParkedJobs {

    private final JobQueue jobs;

    ParkedJobs(JobQueue jobs) {
        this.jobs = jobs;
    }

    @Transactional
    public List<ApplyJob> list() {
        return jobs.parked();
    }

    /** Runs the job again from the current desired state; {@link NotFoundException} unless it is parked. */
    @Transactional
    public void replay(long id) {
        if (!jobs.replay(id)) {
            throw new NotFoundException("no parked job " + id);
        }
    }
}
