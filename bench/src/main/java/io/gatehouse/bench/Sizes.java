package io.gatehouse.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A harness's sizes: reduced by default, so a harness runs in minutes, full with {@code -Dbench.full-size=true}. A size
 * given explicitly ({@code -Dbench.card-requests=500}) wins over both; the build passes an unset one as blank.
 */
final class Sizes {

    static final boolean FULL = Boolean.getBoolean("bench.full-size");

    private Sizes() {
    }

    static int of(String property, int reduced, int full) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? (FULL ? full : reduced) : Integer.parseInt(value);
    }

    /** A comma-separated list of whole numbers ({@code 1,10,50}); {@code fallback} when the property is blank. */
    static List<Integer> list(String property, String fallback) {
        String value = System.getProperty(property, "").trim();
        return Arrays.stream((value.isEmpty() ? fallback : value).split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
