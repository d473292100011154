package io.gatehouse.onboarding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain unit test of the value half of the credential rule. The entropy examples are the ones the thresholds in
 * {@link SecretValues} were measured on: realistic non-secret values on one side, keys and tokens on the other.
 */
class SecretValuesTest {

    private final SecretValues values = new SecretValues();

    @ParameterizedTest
    @ValueSource(strings = {"sqlserver://fivetran:hunter2@sql.example.com:1433", "postgres://u:p@db.example.com/sales",
            "https://ada:s3cr3t@files.example.com/exports", "mongodb+srv://svc:pw@cluster0.example.net/?retryWrites=true"})
    void urlUserinfoIsRefused(String value) {
        assertThat(values.finding(value, false)).as(value).contains(
                "holds a URL with a user and password (scheme://user:password@host)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Server=sql;Database=sales;User Id=fivetran;Password=hunter2;", "pwd=hunter2",
            "host=db port=5432 password = x", "client_secret=abc", "https://api.example.com/v1?token=abc&x=1",
            "api_key: abc123"})
    void keyValueSecretsAreRefused(String value) {
        assertThat(values.finding(value, false)).as(value).hasValueSatisfying(kind -> assertThat(kind).endsWith("= setting"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----"})
    void privateKeyBlocksAreRefused(String value) {
        assertThat(values.finding(value, false)).as(value).contains("holds a private key block");
    }

    /** Keys and tokens: random base64, base64url and hex of 32 characters or more. */
    @ParameterizedTest
    @ValueSource(strings = {"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "6Y4ASBGxi2omnU2pF9mGusrsXNqin_jdOVa7LpAdRhQ",
            "taeOW33+JWSURtFhQ6CaWcnv6e583IP4", "sk_live_se933ze_mFWD1lYkz4qIf2XSk44xp-Hp",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "c2cd2eacca30698d541b8194c058dc15",
            "7cf57888f20631a89c302170bc9a95b64c52c246", "note: key is ghp_x8oxtW2IrKVjBCcd1UDEwdvLDkZOOg3dP3Q9 here"})
    void highEntropyStringsAreRefused(String value) {
        assertThat(values.finding(value, false)).as(value).contains("holds a long random-looking string, like a key or token");
    }

    /** Hostnames, paths, ARNs, names and ids that a config legitimately holds. */
    @ParameterizedTest
    @ValueSource(strings = {"my-db-instance.c9akciq32xyz.us-east-1.rds.amazonaws.com",
            "sqlserver-prod-eu-west-1-replica-02.corp.example.com", "/var/opt/mssql/data/backups/transaction_logs_daily_full",
            "exports/finance/daily/sales_orders_2024_q1_eu_region", "arn:aws:iam::123456789012:role/fivetran-s3-read-only",
            "https://acme--uat.sandbox.my.salesforce.com", "Finance_Reporting_Warehouse_Production_Database_EU",
            "customer_orders_archive_partitioned_by_month_v2", ".*/year=2024/month=[0-9]+/day=[0-9]+/part-[0-9a-f]+\\.csv\\.gz",
            "5a1388c0-e69e-49ed-9c9d-89254208dde5", "TELEPORT", "WAL_PGOUTPUT", "SshTunnel", "fivetran_user",
            "https://sql.example.com:1433/sales", "user@example.com", "tokens_table_prefix"})
    void realisticValuesAreAllowed(String value) {
        assertThat(values.finding(value, false)).as(value).isEmpty();
    }

    @Test
    void thresholdsSitBetweenTheTwoSides() {
        // the highest non-secret run measured (a snake_case path) and the lowest 1st percentile of random base64
        assertThat(SecretValues.entropy("exports/finance/daily/sales_orders_2024_q1_eu_region")).isLessThan(4.4);
        assertThat(SecretValues.entropy("taeOW33+JWSURtFhQ6CaWcnv6e583IP4")).isGreaterThan(SecretValues.MIXED_ENTROPY);
        assertThat(SecretValues.entropy("c2cd2eacca30698d541b8194c058dc15")).isGreaterThan(SecretValues.HEX_ENTROPY);
        assertThat(SecretValues.entropy("a".repeat(40))).isZero();
    }

    /** A Google Sheet URL holds a long random-looking id by design: only keys listed as identifiers skip the check. */
    @Test
    void opaqueIdsSkipOnlyTheEntropyCheck() {
        String sheet = "https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit#gid=0";
        assertThat(values.finding(sheet, false)).isPresent();
        assertThat(values.finding(sheet, true)).isEmpty();
        assertThat(values.finding("https://u:p@docs.google.com/spreadsheets/d/x", true)).isPresent();
    }
}
