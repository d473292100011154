package io.gatehouse.identity.service;

import io.gatehouse.identity.domain.ScimProblem;

/** SCIM versions (RFC 7644 3.14): weak ETags of a resource's version; {@code If-Match} guards a write. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** Passes without a header, with {@code *}, or when one of the listed tags is the current version. */
    static void check(String ifMatch, long version, String what) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("\"" + version + "\"")) {
                return;
            }
        }
        throw ScimProblem.preconditionFailed("The " + what + " is at version " + of(version) + ", not " + ifMatch + ".");
    }
}
