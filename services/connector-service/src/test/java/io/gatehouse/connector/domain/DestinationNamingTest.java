package io.gatehouse.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test: database connectors name their destination by schema_prefix, the others by schema. */
class DestinationNamingTest {

    private final DestinationNaming naming = new DestinationNaming(List.of("sql_server_rds", "postgres_rds"));

    @Test
    void databaseConnectorsGetAPrefix() {
        assertThat(naming.config("sql_server_rds", "sales", Map.of("host", "h", "port", 1433)))
                .containsEntry("schema_prefix", "sales").containsEntry("host", "h").doesNotContainKey("schema");
    }

    @Test
    void othersGetASchemaAndTheRequestCannotOverrideIt() {
        assertThat(naming.config("google_sheets", "sheets", Map.of("schema", "elsewhere", "sheet_id", "x")))
                .containsEntry("schema", "sheets").containsEntry("sheet_id", "x").doesNotContainKey("schema_prefix");
    }
}
