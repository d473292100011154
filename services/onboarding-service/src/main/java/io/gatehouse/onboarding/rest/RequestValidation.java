package io.gatehouse.onboarding.rest;

import io.gatehouse.onboarding.config.OnboardingConfig;
import io.gatehouse.onboarding.domain.CredentialKeys;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks a new request in one pass, so the 400 names every bad field at once: Bean Validation, then the
 * credential rule on {@code config} keys, then keys that Gatehouse sets itself.
 */
@ApplicationScoped
public class RequestValidation {

    /** The destination schema is {@code schemaName}; a second way to say it would only conflict. */
    private static final Set<String> RESERVED_KEYS = Set.of("schema", "schema_prefix", "table");

    private final Validator validator;
    private final CredentialKeys credentials;

    RequestValidation(Validator validator, OnboardingConfig config) {
        this.validator = validator;
        this.credentials = new CredentialKeys(config.credentialMarkers());
    }

    public void check(NewOnboardingRequest body) {
        if (body == null) {
            throw new ProblemException(Problem.invalid("The request body is required.",
                    List.of(new Problem.FieldError("request", "must not be empty"))));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<NewOnboardingRequest> v : validator.validate(body)) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        for (String path : credentials.offending("config", body.config())) {
            errors.add(new Problem.FieldError(path,
                    "looks like a credential: credentials are entered by the source owner in the Connect Card, never here"));
        }
        if (body.config() != null) {
            body.config().keySet().stream().filter(RESERVED_KEYS::contains).forEach(key -> errors.add(
                    new Problem.FieldError("config." + key, "is set by Gatehouse from schemaName")));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
            throw new ProblemException(Problem.invalid("The request has " + errors.size() + " invalid field(s).", errors));
        }
    }

    /** {@code owner.email}, {@code businesses[1]}: the path a client knows from its own JSON. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null && field.length() > 0 && node.getName() == null) {
                field.append('[').append(node.getIndex()).append(']');
                continue;
            }
            String name = node.getName();
            if (name == null || name.startsWith("<")) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(name);
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "request" : field.toString();
    }
}
