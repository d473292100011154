package io.gatehouse.onboarding.rest;

import io.gatehouse.onboarding.service.NewRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /onboarding-requests}. {@code config} carries only non-secret settings of the
 * Fivetran service (host, port, database, update_method...); the destination schema comes from
 * {@code schemaName}, credentials from the Connect Card.
 */
public record NewOnboardingRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9_]{1,100}", message = "must be a Fivetran service id such as sql_server_rds")
        String service,
        @NotBlank @Size(max = 200) String groupId,
        @NotBlank @Pattern(regexp = "[a-z_][a-z0-9_]{0,99}", message = "must be a lower-case schema name (letters, digits, _)")
        String schemaName,
        @NotNull Map<String, Object> config,
        @NotNull @Valid Owner owner,
        @NotBlank @Size(max = 200) String tableGroup,
        @NotNull @Size(max = 100) List<@NotBlank @Size(max = 200) String> businesses) {

    /** What the use case takes, once this body has passed {@link RequestValidation}. */
    public NewRequest command() {
        return new NewRequest(service, groupId, schemaName, config, owner.name(), owner.email(), tableGroup, businesses);
    }

    /** The source owner who completes the Connect Card. */
    public record Owner(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {
    }
}
