package io.gatehouse.rest;

import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.errors.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** A test resource with a validated body, to see the problem+json answers end to end. */
@PermitAll
@Path("/echo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EchoResource {

    public record Person(@NotBlank String name, @NotNull @Email String email) {
    }

    public record Order(@NotBlank String id, @NotNull @Valid Person owner, @Size(min = 1) List<@NotBlank String> items,
                        Map<String, Object> config, List<@Valid Person> helpers) {
    }

    @POST
    public Order echo(@Valid @NotNull Order order) {
        return order;
    }

    /** Domain failures thrown without any HTTP type: the mappers in libs/rest give them their status. */
    @GET
    @Path("/domain/{kind}")
    public Order domain(@PathParam("kind") String kind) {
        switch (kind) {
            case "missing" -> throw new NotFoundException("no such order");
            case "clash" -> throw new ConflictException("order is closed");
            default -> throw new InvalidInputException("The order has 2 invalid field(s).", List.of(
                    new InvalidInputException.Violation("owner.email", "is taken"),
                    new InvalidInputException.Violation("config.password", "looks like a credential")));
        }
    }

    @GET
    @Path("/{id}")
    public Order find(@PathParam("id") String id) {
        throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.NOT_FOUND, "no order " + id));
    }
}
