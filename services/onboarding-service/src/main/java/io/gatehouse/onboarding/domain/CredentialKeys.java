package io.gatehouse.onboarding.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The key half of the rule that keeps credentials out of a request's {@code config}: they belong in the Connect Card.
 * A key is a credential when, lower-cased and stripped of everything but letters and digits, it contains a marker
 * ({@code password}, {@code secret}, {@code sshkey}, {@code connectionstring}...), or when one of its words is a
 * credential word ({@code pass}, {@code pat}). Short words are matched whole because as substrings they would refuse
 * {@code pattern} or {@code backup_log_path}. This is defence in depth behind {@link ConfigKeyAllowList}: a key
 * wrongly added to the allow-list is still refused when it looks like a credential.
 */
public final class CredentialKeys {

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private final List<String> markers;
    private final Set<String> words;

    public CredentialKeys(List<String> markers, List<String> words) {
        this.markers = markers.stream().map(CredentialKeys::normalise).filter(m -> !m.isEmpty()).toList();
        this.words = words.stream().map(CredentialKeys::normalise).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    public boolean looksLikeCredential(String key) {
        if (key == null) {
            return false;
        }
        String normalised = normalise(key);
        if (markers.stream().anyMatch(normalised::contains)) {
            return true;
        }
        return Arrays.stream(CAMEL.matcher(key).replaceAll("_").toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .anyMatch(words::contains);
    }

    private static String normalise(String key) {
        return key == null ? "" : key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
