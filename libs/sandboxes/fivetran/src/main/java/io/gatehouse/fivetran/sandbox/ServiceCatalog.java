package io.gatehouse.fivetran.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector types the sandbox knows, each with the source schemas and tables a first sync "discovers".
 * Creating a connection for any other service fails as Fivetran does ("Unsupported service").
 */
public final class ServiceCatalog {
    private final Map<String, Map<String, List<String>>> services = new LinkedHashMap<>();

    /** sql_server_rds, postgres_rds, google_sheets and salesforce with a few schemas and tables each. */
    public static ServiceCatalog defaults() {
        return new ServiceCatalog()
                .service("sql_server_rds", Map.of("dbo", List.of("customers", "orders"), "sales", List.of("invoices")))
                .service("postgres_rds", Map.of("public", List.of("accounts", "payments"), "reporting", List.of("daily_totals")))
                .service("google_sheets", Map.of("google_sheets", List.of("sheet_data")))
                .service("salesforce", Map.of("salesforce", List.of("account", "opportunity", "contact")));
    }

    /** Adds or replaces a service; schema order is kept sorted so responses are stable. */
    public ServiceCatalog service(String name, Map<String, List<String>> schemasAndTables) {
        Map<String, List<String>> sorted = new java.util.TreeMap<>();
        schemasAndTables.forEach((schema, tables) -> sorted.put(schema, List.copyOf(tables)));
        services.put(name, sorted);
        return this;
    }

    public boolean knows(String service) { return services.containsKey(service); }

    public Map<String, List<String>> schemasOf(String service) { return services.getOrDefault(service, Map.of()); }

    public Map<String, Map<String, List<String>>> asMap() { return Map.copyOf(services); }
}
