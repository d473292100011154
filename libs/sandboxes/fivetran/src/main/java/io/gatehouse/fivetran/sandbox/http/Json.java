package io.gatehouse.fivetran.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one ObjectMapper of the sandbox and Fivetran's response envelope. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    /** Every successful Fivetran response: {@code {"code":"Success","message":...,"data":...}}. */
    public static ObjectNode success(String message, Object data) {
        ObjectNode envelope = object().put("code", "Success");
        if (message != null) envelope.put("message", message);
        if (data != null) envelope.set("data", MAPPER.valueToTree(data));
        return envelope;
    }

    public static ObjectNode error(String code, String message) {
        return object().put("code", code).put("message", message);
    }
}
