package io.gatehouse.e2e;

import java.util.Map;

/**
 * Each service's own database, of the kind the services were built for: an in-memory H2 database by
 * default, a schema of its own in the PostgreSQL test database under -Ppostgres.
 */
final class Databases {

    private Databases() {
    }

    static Map<String, String> env(String service) {
        String name = "e2e_" + service.replace('-', '_');
        if ("postgresql".equals(System.getProperty("gatehouse.db.kind"))) {
            String url = System.getProperty("gatehouse.db.url", "jdbc:postgresql://127.0.0.1:5432/test");
            return Map.of(
                    "GATEHOUSE_DB_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name,
                    "QUARKUS_DATASOURCE_USERNAME", System.getProperty("gatehouse.db.username", "postgres"),
                    "QUARKUS_FLYWAY_SCHEMAS", name,
                    "QUARKUS_FLYWAY_CLEAN_AT_START", "true",
                    "QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        }
        return Map.of("GATEHOUSE_DB_URL", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    }
}
