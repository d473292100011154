package io.gatehouse.onboarding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain unit test of the key half of the credential rule, with the service's default markers and words. */
class CredentialKeysTest {

    static final CredentialKeys RULE = new CredentialKeys(List.of("password", "passwd", "pwd", "passphrase", "secret",
            "token", "privatekey", "apikey", "accesskey", "credential", "clientsecret", "authorization", "bearer",
            "sessionkey", "signingkey", "sshkey", "serviceaccountkey", "consumerkey", "connectionstring", "connstring",
            "keyfile", "certificate"), List.of("pass", "pat", "pin", "psk", "dsn"));

    @ParameterizedTest
    @ValueSource(strings = {"password", "DB_PASSWORD", "passwd", "Pwd", "secret", "client_secret", "clientSecret",
            "token", "refresh_token", "private_key", "privateKey", "ssh-private-key", "api_key", "API-KEY",
            "access_key_id", "credentials", "aws_credential", "passphrase",
            // the keys the first version of the rule let through (issue 18)
            "ssh_key", "sshKey", "pass", "db_pass", "PASS", "pat", "github_pat", "githubPat", "service_account_key",
            "serviceAccountKey", "consumer_key", "connection_string", "ConnectionString", "conn_string", "dsn"})
    void refused(String key) {
        assertThat(RULE.looksLikeCredential(key)).as(key).isTrue();
    }

    /** Short words are matched whole: as substrings they would refuse these documented keys. */
    @ParameterizedTest
    @ValueSource(strings = {"host", "port", "database", "update_method", "user", "username", "tunnel_host", "region",
            "pattern", "file_pattern", "archive_pattern", "backup_log_path", "passive_mode", "pdb_name", "compass",
            "spinner", "sheet_id", "named_range", "bucket", "prefix"})
    void allowed(String key) {
        assertThat(RULE.looksLikeCredential(key)).as(key).isFalse();
    }
}
