package io.gatehouse.rest;

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
@Path("/echo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EchoResource {

    public record Person(@NotBlank String name, @NotNull @Email String email) {
    }

    public record Order(@NotBlank String id, @NotNull @Valid Person owner, @Size(min = 1) List<String> items, Map<String, Object> config) {
    }

    @POST
    public Order echo(@Valid @NotNull Order order) {
        return order;
    }

    @GET
    @Path("/{id}")
    public Order find(@PathParam("id") String id) {
        throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.NOT_FOUND, "no order " + id));
    }
}
