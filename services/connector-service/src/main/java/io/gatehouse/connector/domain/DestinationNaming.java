package io.gatehouse.connector.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Fivetran {@code config} of a new connection: the request's non-secret settings plus the destination
 * schema, as {@code schema_prefix} for database connectors (one destination schema per source schema,
 * {@code <prefix>_<source schema>}) and as {@code schema} for the others.
 */
public final class DestinationNaming {

    private final Set<String> prefixServices;

    public DestinationNaming(List<String> prefixServices) {
        this.prefixServices = Set.copyOf(prefixServices);
    }

    public Map<String, Object> config(String service, String schemaName, Map<String, Object> settings) {
        Map<String, Object> config = new LinkedHashMap<>(settings);
        config.remove("schema");
        config.remove("schema_prefix");
        config.put(prefixServices.contains(service) ? "schema_prefix" : "schema", schemaName);
        return config;
    }
}
