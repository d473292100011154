package io.gatehouse.identity.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A batch from an HR system: joins and leaves in the order they happened, under the caller's own batch id (a retry
 * with the same id publishes nothing twice).
 */
public record IdentityEventBatch(
        @NotBlank @Size(max = 200) String batchId,
        @NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid Change> events) {

    /** One change: {@code joined} or {@code left}; {@code userId} is the HR system's id of the person. */
    public record Change(
            @NotNull @Pattern(regexp = "joined|left", message = "must be joined or left") String change,
            @NotBlank @Size(max = 255) String userId,
            @NotBlank @Size(max = 255) String login,
            @NotBlank @Size(max = 255) String business) {
    }
}
