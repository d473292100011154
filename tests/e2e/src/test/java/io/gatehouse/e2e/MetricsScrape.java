package io.gatehouse.e2e;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one or more {@code /q/metrics} scrapes (Prometheus text format) expose: the sample names as written, and each
 * family's type from its {@code # TYPE} line, so {@code x_bucket}, {@code x_count} and {@code x_sum} are known to
 * belong to histogram {@code x} even before a sample of that series was written.
 */
final class MetricsScrape {

    private final Set<String> samples = new HashSet<>();
    private final Map<String, String> types = new HashMap<>();

    MetricsScrape add(String exposition) {
        for (String line : exposition.split("\n")) {
            String l = line.strip();
            if (l.startsWith("# TYPE ")) {
                String[] parts = l.split("\\s+");
                if (parts.length >= 4) {
                    types.put(parts[2], parts[3]);
                }
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                int end = 0;
                while (end < l.length() && l.charAt(end) != '{' && !Character.isWhitespace(l.charAt(end))) {
                    end++;
                }
                samples.add(l.substring(0, end));
            }
        }
        return this;
    }

    /** A series Prometheus makes itself for every target (up, scrape_duration_seconds, ...), not a service. */
    MetricsScrape addSynthetic(String name) {
        samples.add(name);
        return this;
    }

    /** A name a query may read: a sample written, or a histogram's (summary's) bucket, count or sum. */
    boolean has(String name) {
        if (samples.contains(name) || types.containsKey(name)) {
            return true;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix)) {
                String type = types.get(name.substring(0, name.length() - suffix.length()));
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return true;
                }
            }
        }
        return false;
    }

    Set<String> samples() {
        return samples;
    }
}
