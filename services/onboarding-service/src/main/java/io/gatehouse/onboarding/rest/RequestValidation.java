package io.gatehouse.onboarding.rest;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.onboarding.config.OnboardingConfig;
import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import io.gatehouse.onboarding.domain.ConfigKeyAllowList;
import io.gatehouse.onboarding.domain.ConfigRule;
import io.gatehouse.onboarding.domain.CredentialKeys;
import io.gatehouse.onboarding.domain.SecretValues;
import io.gatehouse.rest.FieldPaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a new request (and a reactivation's body) in one pass, so the 400 names every bad field at once: Bean Validation, then the
 * credential rule on {@code config} ({@link ConfigRule}: keys Gatehouse sets itself, the service's allow-list of non-secret
 * keys, credential-looking keys and secret-looking values), then the grant-service's role-name rule on
 * the table group and the businesses (a name it could not represent would be accepted here and dead-lettered there).
 */
@ApplicationScoped
public class RequestValidation {

    private final Validator validator;
    private final ConfigRule configRule;
    private final RoleNames names;

    RequestValidation(Validator validator, OnboardingConfig config) {
        this.validator = validator;
        this.configRule = new ConfigRule(ConfigKeyAllowList.fromClasspath(),
                new CredentialKeys(config.credentialMarkers(), config.credentialWords()), new SecretValues());
        this.names = new RoleNames(config.managedPrefix());
    }

    /** The reactivation body as given, or {@link InvalidInputException} naming every bad field. */
    public Reactivation check(Reactivation body) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        for (ConstraintViolation<Reactivation> v : validator.validate(body)) {
            errors.add(new InvalidInputException.Violation(FieldPaths.of(v.getPropertyPath()), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The reactivation has " + errors.size() + " invalid field(s).", errors);
        }
        return body;
    }

    /** Throws {@link InvalidInputException} naming every bad field; libs/rest sorts them by field, then message. */
    public void check(NewOnboardingRequest body) {
        if (body == null) {
            throw new InvalidInputException("The request body is required.",
                    List.of(new InvalidInputException.Violation("request", "must not be empty")));
        }
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        for (ConstraintViolation<NewOnboardingRequest> v : validator.validate(body)) {
            errors.add(new InvalidInputException.Violation(FieldPaths.of(v.getPropertyPath()), v.getMessage()));
        }
        for (ConfigRule.Refusal refusal : configRule.check(body.service(), body.config())) {
            errors.add(new InvalidInputException.Violation(refusal.field(), refusal.message()));
        }
        if (body.tableGroup() != null && !body.tableGroup().isBlank()) {
            // The write role is the longer name: a group whose write role cannot exist is refused as a whole.
            roleName(errors, "tableGroup", () -> names.tableGroupWrite(body.tableGroup()));
        }
        if (body.businesses() != null) {
            for (int i = 0; i < body.businesses().size(); i++) {
                String business = body.businesses().get(i);
                if (business != null && !business.isBlank()) {
                    roleName(errors, "businesses[" + i + "]", () -> names.business(business));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The request has " + errors.size() + " invalid field(s).", errors);
        }
    }

    private static void roleName(List<InvalidInputException.Violation> errors, String field, Runnable rule) {
        try {
            rule.run();
        } catch (InvalidNameException e) {
            errors.add(new InvalidInputException.Violation(field, e.getMessage()));
        }
    }
}
