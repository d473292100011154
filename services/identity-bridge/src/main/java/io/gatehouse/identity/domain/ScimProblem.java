package io.gatehouse.identity.domain;

/**
 * A SCIM error (RFC 7644 3.12): the HTTP status, the {@code scimType} where the RFC defines one for it, and a detail
 * that names what was wrong. The SCIM resources answer it as {@code urn:ietf:params:scim:api:messages:2.0:Error}.
 */
public class ScimProblem extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimProblem(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimProblem invalidFilter(String detail) {
        return new ScimProblem(400, "invalidFilter", detail);
    }

    public static ScimProblem invalidValue(String detail) {
        return new ScimProblem(400, "invalidValue", detail);
    }

    public static ScimProblem invalidSyntax(String detail) {
        return new ScimProblem(400, "invalidSyntax", detail);
    }

    public static ScimProblem invalidPath(String detail) {
        return new ScimProblem(400, "invalidPath", detail);
    }

    public static ScimProblem noTarget(String detail) {
        return new ScimProblem(400, "noTarget", detail);
    }

    public static ScimProblem mutability(String detail) {
        return new ScimProblem(400, "mutability", detail);
    }

    public static ScimProblem uniqueness(String detail) {
        return new ScimProblem(409, "uniqueness", detail);
    }

    public static ScimProblem notFound(String detail) {
        return new ScimProblem(404, null, detail);
    }

    public static ScimProblem preconditionFailed(String detail) {
        return new ScimProblem(412, null, detail);
    }

    public int status() {
        return status;
    }

    /** Null where the RFC defines none for the status (404, 401, 412). */
    public String scimType() {
        return scimType;
    }
}
