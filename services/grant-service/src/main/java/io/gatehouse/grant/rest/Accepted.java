package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.PlatformDecisions;
import java.util.Set;

/** The 202 body of a platform decision: the apply job it queued. Poll GET /audit?event=... for what it ran. */
public record Accepted(String changeId, Set<String> roles) {

    static Accepted of(PlatformDecisions.Queued queued) {
        return new Accepted(queued.changeId(), queued.roles());
    }
}
