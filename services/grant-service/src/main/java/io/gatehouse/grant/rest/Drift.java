package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.DriftService;
import java.util.List;

/** A drifted managed role as /drift and /reconcile answer: the fixing statements, and what only an operator may fix. */
public record Drift(String role, List<String> missing, List<String> extra, List<String> notReconciled) {

    static Drift of(DriftService.RoleDrift d) {
        return new Drift(d.role(), d.missing(), d.extra(), d.notReconciled());
    }
}
