package io.gatehouse.connector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The worst time of one Fivetran call as the client is configured: every attempt runs into its connect and read
 * timeouts, and between attempts the longest wait the client allows (its back-off cap or the longest Retry-After it
 * waits for). The time limits that rely on it are checked against it at startup, so a setting that would let two
 * instances run the same work fails the start instead of showing up as a duplicate connection.
 */
public record CallBudget(int attempts, Duration connectTimeout, Duration readTimeout, Duration longestWait) {

    /**
     * The most calls one step makes: a connection's creation looks for it, creates it, looks again before the create's
     * retry (did the lost attempt take effect?) and after a 409, then asks for its card. A listing of more than one page
     * counts a call per page and is not covered: such a step runs into {@code step-budget} and is retried.
     */
    public static final int CALLS_PER_STEP = 5;

    public Duration worstCall() {
        return connectTimeout.plus(readTimeout).multipliedBy(attempts).plus(longestWait.multipliedBy(attempts - 1L));
    }

    public Duration worstStep() {
        return worstCall().multipliedBy(CALLS_PER_STEP);
    }

    /**
     * What is wrong with the worker's {@code stepBudget} and the poller's {@code pollLease} for this budget; empty when
     * nothing is. The step budget must cover a step's worst case, or a slow but healthy step is cut off; the poll lease
     * is not renewed, so it must outlast twice a poll's one call (the margin covers the write after it and clock skew
     * between instances), or another instance polls the same connection meanwhile.
     */
    public List<String> problems(Duration stepBudget, Duration pollLease) {
        List<String> problems = new ArrayList<>();
        if (stepBudget.compareTo(worstStep()) < 0) {
            problems.add("gatehouse.connector.worker.step-budget (" + stepBudget + ") is shorter than the worst case of a "
                    + "step's Fivetran calls (" + worstStep() + " = " + CALLS_PER_STEP + " calls of " + explained() + ")");
        }
        if (pollLease.compareTo(worstCall().multipliedBy(2)) <= 0) {
            problems.add("gatehouse.connector.poll.lease (" + pollLease + ") must be more than twice the worst time of "
                    + "one Fivetran call (" + explained() + ")");
        }
        return problems;
    }

    private String explained() {
        return worstCall() + ": " + attempts + " attempt(s) of " + connectTimeout + " connect + " + readTimeout
                + " read timeout, " + (attempts - 1) + " wait(s) of up to " + longestWait
                + "; see gatehouse.fivetran.retry.* and quarkus.rest-client.fivetran.*-timeout";
    }
}
