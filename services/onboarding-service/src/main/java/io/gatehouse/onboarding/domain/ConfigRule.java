package io.gatehouse.onboarding.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps credentials out of a request's {@code config}: they are entered by the source owner in the Connect Card, and
 * whatever passes here is published on Kafka and stored. Top-level keys must be on the service's
 * {@link ConfigKeyAllowList}; at every level a key that looks like a credential ({@link CredentialKeys}) is refused,
 * and every string value is checked for an embedded secret ({@link SecretValues}). Each field gets one refusal, the
 * most specific; nested objects under a refused key are still walked so a credential inside them is named too.
 */
public final class ConfigRule {

    /** The destination schema is {@code schemaName}; a second way to say it would only conflict. */
    private static final Set<String> RESERVED_KEYS = Set.of("schema", "schema_prefix", "table");

    static final String CONNECT_CARD = "credentials are entered by the source owner in the Connect Card, never here";

    /** One refused field: its path ({@code config.ssh.private_key}) and why, never its value. */
    public record Refusal(String field, String message) {
    }

    private final ConfigKeyAllowList allowList;
    private final CredentialKeys credentialKeys;
    private final SecretValues secretValues;

    public ConfigRule(ConfigKeyAllowList allowList, CredentialKeys credentialKeys, SecretValues secretValues) {
        this.allowList = allowList;
        this.credentialKeys = credentialKeys;
        this.secretValues = secretValues;
    }

    public List<Refusal> check(String service, Map<String, ?> config) {
        List<Refusal> refusals = new ArrayList<>();
        if (config == null) {
            return refusals;
        }
        ConfigKeyAllowList.ServiceKeys keys = allowList.forService(service);
        config.forEach((key, value) -> {
            String path = "config." + key;
            if (RESERVED_KEYS.contains(key)) {
                refusals.add(new Refusal(path, "is set by Gatehouse from schemaName"));
            } else if (credentialKeys.looksLikeCredential(key)) {
                refusals.add(new Refusal(path, "looks like a credential: " + CONNECT_CARD));
                walkContainer(path, value, refusals);
            } else if (!keys.allows(key)) {
                refusals.add(new Refusal(path, notKnown(keys)));
                walkContainer(path, value, refusals);
            } else {
                walkValue(path, value, keys.identifiers().contains(key), refusals);
            }
        });
        return refusals;
    }

    private static String notKnown(ConfigKeyAllowList.ServiceKeys keys) {
        String which = keys.listed() ? "for service " + keys.service()
                : "for service " + keys.service() + " (not in Gatehouse's list: only common connection settings are accepted)";
        return "is not a known non-secret key " + which + ": " + CONNECT_CARD;
    }

    /** Below the top level Fivetran's documented shapes vary, so no allow-list: credential-looking keys and values only. */
    private void walkMap(String prefix, Map<?, ?> map, List<Refusal> refusals) {
        map.forEach((key, value) -> {
            String path = prefix + "." + key;
            if (credentialKeys.looksLikeCredential(String.valueOf(key))) {
                refusals.add(new Refusal(path, "looks like a credential: " + CONNECT_CARD));
                walkContainer(path, value, refusals);
            } else {
                walkValue(path, value, false, refusals);
            }
        });
    }

    private void walkValue(String path, Object value, boolean opaqueId, List<Refusal> refusals) {
        if (value instanceof String text) {
            Optional<String> finding = secretValues.finding(text, opaqueId);
            finding.ifPresent(kind -> refusals.add(new Refusal(path, kind + ": " + CONNECT_CARD)));
        } else if (value instanceof Map<?, ?> map) {
            walkMap(path, map, refusals);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walkValue(path + "[" + i + "]", list.get(i), opaqueId, refusals);
            }
        }
    }

    /** Under a refused key only nested objects matter: the key's own value is refused with it. */
    private void walkContainer(String path, Object value, List<Refusal> refusals) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            walkValue(path, value, false, refusals);
        }
    }
}
