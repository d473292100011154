package io.gatehouse.onboarding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain unit test of the whole credential rule on {@code config}, with the allow-list the service ships. */
class ConfigRuleTest {

    private static final ConfigRule RULE = new ConfigRule(ConfigKeyAllowList.fromClasspath(), CredentialKeysTest.RULE,
            new SecretValues());

    private static List<String> fields(String service, Map<String, ?> config) {
        return RULE.check(service, config).stream().map(ConfigRule.Refusal::field).toList();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void realisticConfigsOfListedServicesPass() {
        assertThat(RULE.check("sql_server_rds", Map.of("host", "sql.example.com", "port", 1433, "database", "sales",
                "user", "fivetran", "update_method", "TELEPORT", "always_encrypted", true))).isEmpty();
        assertThat(RULE.check("postgres_rds", map("host", "pg-prod.c9akciq32xyz.eu-west-1.rds.amazonaws.com",
                "port", 5432, "database", "orders", "user", "fivetran", "update_method", "WAL_PGOUTPUT",
                "publication_name", "fivetran_pub", "replication_slot", "fivetran_slot", "connection_type", "SshTunnel",
                "tunnel_host", "bastion.example.com", "tunnel_port", 22, "tunnel_user", "fivetran"))).isEmpty();
        assertThat(RULE.check("s3", Map.of("bucket", "acme-exports", "prefix", "finance/daily/", "pattern", ".*\\.csv",
                "file_type", "csv", "empty_header", false, "skip_before", 1,
                "files", List.of(Map.of("file_pattern", "orders_.*\\.csv", "table_name", "orders"))))).isEmpty();
        assertThat(RULE.check("google_sheets", Map.of("auth_type", "ServiceAccount", "named_range", "fivetran_range",
                "sheet_id", "https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit")))
                .isEmpty();
        assertThat(RULE.check("salesforce", Map.of("base_url", "https://acme.my.salesforce.com", "api_usage_limit", 80,
                "sync_formula_fields", true))).isEmpty();
        assertThat(RULE.check("snowflake_db", Map.of("host", "acme.eu-west-1.snowflakecomputing.com", "database", "RAW",
                "user", "FIVETRAN", "role", "FIVETRAN_ROLE", "auth", "KEY_PAIR"))).isEmpty();
    }

    @Test
    void unknownKeysAreRefusedNamingTheService() {
        List<ConfigRule.Refusal> refusals = RULE.check("sql_server_rds", Map.of("host", "h", "bucket", "b"));
        assertThat(refusals).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("config.bucket");
            assertThat(r.message()).contains("not a known non-secret key for service sql_server_rds", "Connect Card");
        });
    }

    @Test
    void aServiceNotListedGetsOnlyTheCommonKeys() {
        assertThat(fields("some_new_connector", Map.of("host", "h", "port", 1, "database", "d", "user", "u",
                "update_method", "x", "connection_type", "Directly", "tunnel_host", "t", "tunnel_port", 22,
                "tunnel_user", "u"))).isEmpty();
        List<ConfigRule.Refusal> refusals = RULE.check("some_new_connector", Map.of("bucket", "b"));
        assertThat(refusals).extracting(ConfigRule.Refusal::field).containsExactly("config.bucket");
        assertThat(refusals.get(0).message()).contains("not in Gatehouse's list");
    }

    /** The keys issue 18 found missing: refused as credentials even if someone added them to the allow-list. */
    @ParameterizedTest
    @ValueSource(strings = {"ssh_key", "pass", "pat", "service_account_key", "consumer_key", "connection_string",
            "password", "private_key", "api_key", "client_secret", "refresh_token"})
    void secretKeysAreRefusedAsCredentials(String key) {
        assertThat(RULE.check("sql_server_rds", Map.of("host", "h", key, "x"))).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("config." + key);
            assertThat(r.message()).startsWith("looks like a credential");
        });
    }

    @Test
    void reservedKeysAreSetByGatehouse() {
        assertThat(RULE.check("s3", Map.of("schema", "x", "table", "y", "schema_prefix", "z")))
                .extracting(ConfigRule.Refusal::message).containsOnly("is set by Gatehouse from schemaName");
    }

    @Test
    void secretValuesAreFoundAtEveryDepthAndNeverEchoed() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "sqlserver://fivetran:hunter2@sql.example.com");
        config.put("database", "Server=x;Password=hunter2");
        config.put("user", "-----BEGIN OPENSSH PRIVATE KEY-----");
        config.put("tunnel_host", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        config.put("files", List.of(Map.of("file_pattern", "ok", "table_name", "postgres://a:b@h"),
                List.of("x", "pwd=hunter2")));
        List<ConfigRule.Refusal> refusals = RULE.check("sql_server", config);
        assertThat(refusals).extracting(ConfigRule.Refusal::field).containsExactlyInAnyOrder("config.host",
                "config.database", "config.user", "config.tunnel_host", "config.files", "config.files[0].table_name",
                "config.files[1][1]");
        List<ConfigRule.Refusal> nested = RULE.check("s3", Map.of("files",
                List.of(Map.of("file_pattern", "ok", "table_name", "postgres://a:b@h"), List.of("x", "pwd=hunter2"))));
        assertThat(nested).extracting(ConfigRule.Refusal::field)
                .containsExactlyInAnyOrder("config.files[0].table_name", "config.files[1][1]");
        assertThat(refusals).allSatisfy(r -> assertThat(r.message()).doesNotContain("hunter2", "EXAMPLEKEY", "a:b"));
    }

    @Test
    void nestedCredentialKeysAreNamedWithTheirPath() {
        Map<String, Object> config = Map.of("host", "h", "ssh", Map.of("user", "u", "private_key", "k"),
                "files", List.of(Map.of("password", "p")), "x", List.of(List.of(Map.of("ssh_key", "p"))));
        assertThat(fields("s3", config)).containsExactlyInAnyOrder("config.host", "config.ssh",
                "config.ssh.private_key", "config.files[0].password", "config.x", "config.x[0][0].ssh_key");
    }
}
