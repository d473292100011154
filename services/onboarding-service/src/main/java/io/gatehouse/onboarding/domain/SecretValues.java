package io.gatehouse.onboarding.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value half of the credential rule: a string under an allowed key can still carry a secret. Each finding is a
 * short description of its kind, never the value itself (a 400 must not echo what it refuses).
 *
 * <p>Long high-entropy runs are judged by their alphabet. Thresholds were measured on realistic values (see
 * SecretValuesTest): random base64 of 32 characters has a Shannon entropy of 4.2 bits or more in 99% of draws (4.56
 * median), hex of 32 characters 3.25 or more (3.62 median); hostnames split into short runs at their dots, while long
 * paths, ARNs and snake_case names of 32 to 55 characters stay between 3.8 and 4.3 and, unlike keys, seldom mix upper
 * case, lower case and digits. So a run of 32 or more characters is refused when it is pure hex with entropy of 3.0 or
 * more, or mixes upper case, lower case and digits with entropy of 4.0 or more. A lower-case-only random token escapes
 * this check: the key allow-list is the main rule, this one catches what slips into an allowed key.
 */
public final class SecretValues {

    static final int MIN_RUN = 32;
    static final double HEX_ENTROPY = 3.0;
    static final double MIXED_ENTROPY = 4.0;

    private static final Pattern URL_USERINFO = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s]*:[^/?#@\\s]*@");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(?:^|[^a-z0-9])(password|passwd|pwd|secret|token|api[_-]?key)\\s*[=:]\\s*[^\\s;&,'\"]");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----");
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9+/=_-]{" + MIN_RUN + ",}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    /** What kind of secret {@code value} seems to carry, or empty; {@code opaqueId} skips the entropy check. */
    public Optional<String> finding(String value, boolean opaqueId) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (PRIVATE_KEY.matcher(value).find()) {
            return Optional.of("holds a private key block");
        }
        if (URL_USERINFO.matcher(value).find()) {
            return Optional.of("holds a URL with a user and password (scheme://user:password@host)");
        }
        Matcher kv = KEY_VALUE.matcher(value);
        if (kv.find()) {
            return Optional.of("holds a " + kv.group(1).toLowerCase(java.util.Locale.ROOT) + "= setting");
        }
        if (!opaqueId && hasHighEntropyRun(value)) {
            return Optional.of("holds a long random-looking string, like a key or token");
        }
        return Optional.empty();
    }

    static boolean hasHighEntropyRun(String value) {
        Matcher run = RUN.matcher(value);
        while (run.find()) {
            String candidate = run.group();
            double entropy = entropy(candidate);
            if (HEX.matcher(candidate).matches() ? entropy >= HEX_ENTROPY : mixesCaseAndDigits(candidate) && entropy >= MIXED_ENTROPY) {
                return true;
            }
        }
        return false;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : s.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / s.length();
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    private static boolean mixesCaseAndDigits(String s) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                && s.chars().anyMatch(Character::isDigit);
    }
}
