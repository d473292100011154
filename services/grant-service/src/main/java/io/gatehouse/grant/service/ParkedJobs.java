package io.gatehouse.grant.service;

import io.gatehouse.errors.NotFoundException;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Apply jobs that failed permanently or too often, waiting for an operator to look and replay; and jobs waiting for
 * their user to exist in Snowflake, which an operator may try again now.
 */
@ApplicationScoped
public class ParkedJobs {

    private final JobQueue jobs;

    ParkedJobs(JobQueue jobs) {
        this.jobs = jobs;
    }

    @Transactional
    public List<ApplyJob> list(long afterId, int limit) {
        return jobs.parked(afterId, limit);
    }

    @Transactional
    public List<ApplyJob> waitingForUser(long afterId, int limit) {
        return jobs.waitingForUser(afterId, limit);
    }

    /**
     * Runs the job again from the current desired state (a waiting job now, its wait going on); {@link NotFoundException}
     * unless it is parked or waiting for its user.
     */
    @Transactional
    public void replay(long id) {
        if (!jobs.replay(id)) {
            throw new NotFoundException("no parked job or job waiting for its user with id " + id);
        }
    }
}
