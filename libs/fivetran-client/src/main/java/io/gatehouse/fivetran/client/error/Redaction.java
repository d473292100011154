package io.gatehouse.fivetran.client.error;

import java.util.regex.Pattern;

/** Removes Connect Card tokens (JWTs, {@code auth=} query values) from text that may reach logs or exceptions. */
public final class Redaction {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final Pattern AUTH_PARAM = Pattern.compile("(?i)([?&]auth=)[^&#\\s\"]*");

    private Redaction() {}

    public static String redact(String text) {
        if (text == null) return null;
        return AUTH_PARAM.matcher(JWT.matcher(text).replaceAll("******")).replaceAll("$1******");
    }
}
