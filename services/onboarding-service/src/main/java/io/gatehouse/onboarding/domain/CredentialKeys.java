package io.gatehouse.onboarding.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rule that keeps credentials out of a request's {@code config}: they belong in the Connect Card.
 * A key is refused when, lower-cased and stripped of everything but letters and digits, it contains a
 * marker ({@code password}, {@code secret}, {@code token}, {@code privatekey}...). Nested objects are
 * walked, so {@code config.ssh.private_key} is caught too. The rule looks at keys, never at values.
 */
public final class CredentialKeys {

    private final List<String> markers;

    public CredentialKeys(List<String> markers) {
        this.markers = markers.stream().map(CredentialKeys::normalise).filter(m -> !m.isEmpty()).toList();
    }

    /** Paths ({@code config.password}, {@code config.ssh.private_key}) of every credential-looking key. */
    public List<String> offending(String prefix, Map<String, ?> config) {
        List<String> found = new ArrayList<>();
        walk(prefix, config, found);
        return found;
    }

    public boolean looksLikeCredential(String key) {
        String normalised = normalise(key);
        return markers.stream().anyMatch(normalised::contains);
    }

    private void walk(String prefix, Map<String, ?> config, List<String> found) {
        if (config == null) {
            return;
        }
        config.forEach((key, value) -> {
            String path = prefix + "." + key;
            if (looksLikeCredential(key)) {
                found.add(path);
            } else if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> child = (Map<String, ?>) nested;
                walk(path, child, found);
            } else if (value instanceof List<?> list) {
                walkList(path, list, found);
            }
        });
    }

    /** Lists may hold maps, or lists of maps, at any depth. */
    private void walkList(String path, List<?> list, List<String> found) {
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> child = (Map<String, ?>) map;
                walk(path + "[" + i + "]", child, found);
            } else if (item instanceof List<?> inner) {
                walkList(path + "[" + i + "]", inner, found);
            }
        }
    }

    private static String normalise(String key) {
        return key == null ? "" : key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
