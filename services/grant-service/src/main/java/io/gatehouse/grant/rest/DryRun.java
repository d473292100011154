package io.gatehouse.grant.rest;

import io.gatehouse.grant.rest.PlanResource.PlannedStatement;
import io.gatehouse.grant.service.Decision;
import io.gatehouse.grant.service.PlanPreview;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The {@code ?dryRun=true} answer of a platform decision (Kubernetes' convention): 200 with the statements its apply
 * job would run, in order, as {@code POST /plan} lists them; nothing is stored, registered, queued or locked. The body
 * is validated and the decision refused exactly as without {@code dryRun}.
 */
@ApplicationScoped
public class DryRun {

    /** The query parameter's description in the OpenAPI document. */
    static final String DESCRIPTION = "true: change nothing and answer 200 {statements: [{role, sql}]}, the statements "
            + "this decision would run in Snowflake, in order (refused as the decision would be)";

    /** The 200 body of a dry run. */
    public record Statements(List<PlannedStatement> statements) {
    }

    private final PlanPreview preview;

    DryRun(PlanPreview preview) {
        this.preview = preview;
    }

    Response of(Decision decision) {
        return Response.ok(new Statements(preview.preview(decision).stream()
                .map(s -> new PlannedStatement(s.role(), s.sql())).toList())).build();
    }
}
