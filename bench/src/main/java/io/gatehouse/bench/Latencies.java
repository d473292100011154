package io.gatehouse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured times in milliseconds, sorted, and their percentiles (nearest rank). */
final class Latencies {

    private final List<Long> sorted;

    Latencies(List<Long> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no times measured");
        }
        List<Long> copy = new ArrayList<>(millis);
        Collections.sort(copy);
        this.sorted = List.copyOf(copy);
    }

    int count() {
        return sorted.size();
    }

    long percentile(int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    long max() {
        return sorted.get(sorted.size() - 1);
    }
}
