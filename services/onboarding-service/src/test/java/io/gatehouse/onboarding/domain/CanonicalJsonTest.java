package io.gatehouse.onboarding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test of the canonical JSON behind Idempotency-Key fingerprints and the sorted config of a view. */
class CanonicalJsonTest {

    @Test
    void keyOrderDoesNotChangeTheFingerprint() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("host", "h");
        one.put("port", 1433);
        one.put("ssh", new LinkedHashMap<>(Map.of("user", "u", "host", "bastion")));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("ssh", new LinkedHashMap<>(Map.of("host", "bastion", "user", "u")));
        other.put("port", 1433);
        other.put("host", "h");

        assertThat(CanonicalJson.fingerprint(one)).isEqualTo(CanonicalJson.fingerprint(other)).hasSize(64);
    }

    @Test
    void anotherValueGivesAnotherFingerprint() {
        assertThat(CanonicalJson.fingerprint(Map.of("port", 1433)))
                .isNotEqualTo(CanonicalJson.fingerprint(Map.of("port", 1434)))
                .isNotEqualTo(CanonicalJson.fingerprint(Map.of("port", "1433")));
    }

    @Test
    void sortedCopyOrdersKeysAtEveryLevel() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", 1433);
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("user", "u");
        ssh.put("host", "bastion");
        config.put("ssh", ssh);
        config.put("host", "h");
        config.put("replicas", List.of(new LinkedHashMap<>(Map.of("z", 1, "a", 2))));

        Map<String, Object> sorted = CanonicalJson.sorted(config);

        assertThat(sorted).isEqualTo(config);
        assertThat(sorted.keySet()).containsExactly("host", "port", "replicas", "ssh");
        assertThat(List.copyOf(((Map<?, ?>) sorted.get("ssh")).keySet())).isEqualTo(List.of("host", "user"));
        assertThat(List.copyOf(((Map<?, ?>) ((List<?>) sorted.get("replicas")).get(0)).keySet()))
                .isEqualTo(List.of("a", "z"));
        assertThat(CanonicalJson.sorted(null)).isNull();
    }
}
