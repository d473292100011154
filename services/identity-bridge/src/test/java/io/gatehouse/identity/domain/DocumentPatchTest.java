package io.gatehouse.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addsReplacesAndRemovesAsRfc7644Says() throws Exception {
        ObjectNode user = (ObjectNode) JSON.readTree("""
                {"userName": "ada", "name": {"givenName": "Ada"}, "emails": [{"type": "work", "value": "a@x"},
                 {"type": "home", "value": "a@y"}]}""");
        apply(user, """
                [{"op": "Replace", "path": "name.familyName", "value": "Lovelace"},
                 {"op": "add", "path": "emails[type eq \\"WORK\\"].value", "value": "ada@x"},
                 {"op": "add", "path": "emails[type eq \\"other\\"].value", "value": "ada@z"},
                 {"op": "remove", "path": "emails[type eq \\"home\\"]"},
                 {"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "R&D"},
                 {"op": "replace", "value": {"displayName": "Ada L", "USERNAME": "ada2"}}]""");
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("Lovelace");
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Ada");
        assertThat(user.path("emails").findValuesAsText("value")).containsExactly("ada@x", "ada@z");
        assertThat(user.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("department").asText())
                .isEqualTo("R&D");
        assertThat(user.path("displayName").asText()).isEqualTo("Ada L");
        // Names are case-insensitive: USERNAME replaced the existing userName, it did not add a second one.
        assertThat(user.path("userName").asText()).isEqualTo("ada2");
        assertThat(user.has("USERNAME")).isFalse();
    }

    @Test
    void refusesServerOwnedAttributes() throws Exception {
        ObjectNode user = (ObjectNode) JSON.readTree("{\"userName\": \"ada\"}");
        assertThatThrownBy(() -> apply(user, "[{\"op\": \"replace\", \"path\": \"meta\", \"value\": {}}]"))
                .isInstanceOfSatisfying(ScimProblem.class, p -> assertThat(p.scimType()).isEqualTo("mutability"));
        assertThatThrownBy(() -> apply(user, "[{\"op\": \"remove\"}]"))
                .isInstanceOfSatisfying(ScimProblem.class, p -> assertThat(p.scimType()).isEqualTo("noTarget"));
    }

    private static void apply(ObjectNode document, String operations) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(ScimSchemas.PATCH_OP);
        body.set("Operations", JSON.readTree(operations));
        List<PatchOperation> parsed = PatchOperation.parseRequest(body);
        DocumentPatch.apply(document, parsed);
    }
}
