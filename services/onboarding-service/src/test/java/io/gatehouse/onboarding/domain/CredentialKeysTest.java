package io.gatehouse.onboarding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Plain unit test of the credential rule for config keys. */
class CredentialKeysTest {

    private static final CredentialKeys RULE = new CredentialKeys(List.of("password", "passwd", "pwd", "passphrase",
            "secret", "token", "private_key", "api-key", "accesskey", "credential", "client_secret"));

    @ParameterizedTest
    @ValueSource(strings = {"password", "DB_PASSWORD", "passwd", "Pwd", "secret", "client_secret", "clientSecret",
            "token", "refresh_token", "private_key", "privateKey", "ssh-private-key", "api_key", "API-KEY",
            "access_key_id", "credentials", "aws_credential", "passphrase"})
    void refused(String key) {
        assertThat(RULE.looksLikeCredential(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "port", "database", "update_method", "user", "username", "tunnel_host", "region"})
    void allowed(String key) {
        assertThat(RULE.looksLikeCredential(key)).as(key).isFalse();
    }

    @Test
    void nestedKeysAreNamedWithTheirPath() {
        Map<String, Object> config = Map.of("host", "h", "ssh", Map.of("user", "u", "private_key", "k"),
                "replicas", List.of(Map.of("password", "p")));
        assertThat(RULE.offending("config", config))
                .containsExactlyInAnyOrder("config.ssh.private_key", "config.replicas[0].password");
    }

    @Test
    void listsInsideListsAreWalkedToo() {
        Map<String, Object> config = Map.of("x", List.of(List.of(Map.of("password", "p"))));
        assertThat(RULE.offending("config", config)).containsExactly("config.x[0][0].password");
    }
}
