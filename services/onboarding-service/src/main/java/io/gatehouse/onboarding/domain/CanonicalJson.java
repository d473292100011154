package io.gatehouse.onboarding.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * JSON with keys sorted at every level: the same value always gives the same text, whatever order the client sent.
 * An Idempotency-Key replay is recognised by the fingerprint of this text, so its format must never change: rows
 * stored by earlier versions carry fingerprints made exactly this way.
 */
public final class CanonicalJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .findAndAddModules()
            .build();

    private CanonicalJson() {
    }

    /** SHA-256 (hex) of the canonical JSON of {@code value}. */
    public static String fingerprint(Object value) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(value);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code object} whose keys iterate in sorted order at every level; null stays null. */
    public static Map<String, Object> sorted(Map<String, Object> object) {
        return object == null ? null : CANONICAL.convertValue(object, MAP);
    }
}
