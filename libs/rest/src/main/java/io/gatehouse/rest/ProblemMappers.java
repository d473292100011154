package io.gatehouse.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.errors.NotFoundException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error a Gatehouse API raises into application/problem+json. */
public class ProblemMappers {

    /** Errors listed by field, then message: the same body for the same input. */
    public static final Comparator<Problem.FieldError> FIELD_ORDER =
            Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    /** A domain rule broken: one entry per field, sorted like Bean Validation's. */
    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        List<Problem.FieldError> errors = e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.message()))
                .sorted(FIELD_ORDER)
                .toList();
        return Problem.invalid(e.getMessage(), errors).toResponse();
    }

    /** Bean Validation on request bodies and parameters: one entry per violated field. */
    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldPaths.of(v.getPropertyPath()), v.getMessage()))
                .sorted(FIELD_ORDER)
                .toList();
        return Problem.invalid("The request has " + errors.size() + " invalid field(s).", errors).toResponse();
    }

    /** A body that is not JSON. Named explicitly: Quarkus' own mappers for these types would answer plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response notJson(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response wrongShape(MismatchedInputException e) {
        return unreadable(e);
    }

    /** A body that is not JSON, or JSON of the wrong shape. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? pathOf(m) : null;
        List<Problem.FieldError> errors = field == null ? List.of() : List.of(new Problem.FieldError(field, "has the wrong type"));
        return Problem.invalid("The request body is not valid JSON for this resource.", errors).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage(), null, List.of());
        return Response.fromResponse(e.getResponse()).type(Problem.MEDIA).entity(problem).build();
    }

    private static String pathOf(MismatchedInputException e) {
        List<String> names = new ArrayList<>();
        e.getPath().forEach(ref -> names.add(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]"));
        return String.join(".", names).replace(".[", "[");
    }
}
