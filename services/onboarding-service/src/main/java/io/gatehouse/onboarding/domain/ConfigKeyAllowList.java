package io.gatehouse.onboarding.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The non-secret {@code config} keys Gatehouse accepts, per Fivetran service id, read from the resource
 * {@code fivetran-config-keys.json} (its {@code _about} says where the keys come from). A service the file does not
 * list gets only the small {@code common} set: connection settings every database connector shares.
 */
public final class ConfigKeyAllowList {

    public static final String RESOURCE = "fivetran-config-keys.json";

    /** The keys of one service, and those whose values are long opaque ids by design (they skip the entropy check). */
    public record ServiceKeys(String service, boolean listed, Set<String> keys, Set<String> identifiers) {

        public boolean allows(String key) {
            return keys.contains(key);
        }
    }

    private final Set<String> common;
    private final Map<String, ServiceKeys> services;

    ConfigKeyAllowList(Set<String> common, Map<String, ServiceKeys> services) {
        this.common = Set.copyOf(common);
        this.services = Map.copyOf(services);
    }

    /** The list shipped in the service's resources; a missing or malformed file stops startup rather than allowing all. */
    public static ConfigKeyAllowList fromClasspath() {
        try (InputStream in = ConfigKeyAllowList.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Resource " + RESOURCE + " is not valid JSON", e);
        }
    }

    static ConfigKeyAllowList parse(JsonNode root) {
        Set<String> common = strings(root.path("common"));
        Map<String, ServiceKeys> services = new HashMap<>();
        root.path("services").properties().forEach(e -> services.put(e.getKey(), new ServiceKeys(e.getKey(), true,
                strings(e.getValue().path("keys")), strings(e.getValue().path("identifiers")))));
        if (common.isEmpty() || services.isEmpty()) {
            throw new IllegalStateException("Resource " + RESOURCE + " lists no keys");
        }
        return new ConfigKeyAllowList(common, services);
    }

    public ServiceKeys forService(String service) {
        ServiceKeys listed = services.get(service);
        return listed != null ? listed : new ServiceKeys(service, false, common, Set.of());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
