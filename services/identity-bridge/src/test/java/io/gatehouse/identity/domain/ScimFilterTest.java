package io.gatehouse.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScimFilterTest {

    @Test
    void readsEqualitiesJoinedByAnd() {
        ScimFilter filter = ScimFilter.parse("userName Eq \"ada@example.com\" AND active eq true");
        assertThat(filter.terms()).extracting(ScimFilter.Comparison::attribute).containsExactly("username", "active");
        assertThat(filter.terms().get(0).value().asText()).isEqualTo("ada@example.com");
        assertThat(filter.terms().get(1).value().booleanValue()).isTrue();
    }

    @Test
    void readsValuePathsSchemaUrnsAndEscapes() {
        assertThat(ScimFilter.parse("members[value eq \"2819c223\"]").terms())
                .extracting(ScimFilter.Comparison::attribute).containsExactly("members.value");
        assertThat(ScimFilter.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a\"").terms())
                .extracting(ScimFilter.Comparison::attribute).containsExactly("username");
        assertThat(ScimFilter.parse("displayName eq \"say \\\"hi\\\" ] and\"").terms().get(0).value().asText())
                .isEqualTo("say \"hi\" ] and");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "userName", "userName eq", "userName eq \"open", "userName eq ada",
            "userName sw \"a\"", "userName pr", "a eq \"1\" or b eq \"2\"", "not (a eq \"1\")", "(a eq \"1\")",
            "members[value eq \"1\"", "userName equals \"a\"", "a eq \"1\" b eq \"2\""})
    void refusesWhatItDoesNotSupportAsInvalidFilter(String text) {
        assertThatThrownBy(() -> ScimFilter.parse(text)).isInstanceOfSatisfying(ScimProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.scimType()).isEqualTo("invalidFilter");
        });
    }
}
