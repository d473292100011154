package io.gatehouse.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: identifier quoting and the documented role-name rule with its limits. */
class IdentifierAndRoleNamesTest {

    private final RoleNames names = new RoleNames("GH_");

    @Test
    void quotesVerbatimAndDoublesEmbeddedQuotes() {
        assertThat(Identifier.quote("ORDERS")).isEqualTo("\"ORDERS\"");
        assertThat(Identifier.quote("order items")).isEqualTo("\"order items\"");
        assertThat(Identifier.quote("x\"; DROP ROLE SYSADMIN; --")).isEqualTo("\"x\"\"; DROP ROLE SYSADMIN; --\"");
        assertThat(Identifier.qualified(List.of("D", "S", "a.b"))).isEqualTo("\"D\".\"S\".\"a.b\"");
    }

    @Test
    void parsesWhatShowPrintsBackIntoParts() {
        assertThat(Identifier.parseQualified("D1.S1.T1")).containsExactly("D1", "S1", "T1");
        assertThat(Identifier.parseQualified("\"D\".\"S\".\"x\"\"; DROP ROLE SYSADMIN; --\""))
                .containsExactly("D", "S", "x\"; DROP ROLE SYSADMIN; --");
        assertThat(Identifier.parseQualified("D.\"a.b\"")).containsExactly("D", "a.b");
    }

    @Test
    void refusesEmptyTooLongAndControlCharacters() {
        assertThatThrownBy(() -> Identifier.quote("")).isInstanceOf(InvalidNameException.class);
        assertThat(Identifier.quote("A".repeat(255))).hasSize(257);
        assertThatThrownBy(() -> Identifier.quote("A".repeat(256))).hasMessageContaining("255");
        assertThatThrownBy(() -> Identifier.quote("a\nb")).hasMessageContaining("control character");
    }

    @Test
    void mapsSourcesToUpperCaseNamesWithTheKindAndPrefix() {
        assertThat(names.user("ada.lovelace@example.com")).isEqualTo("GH_USER_ADA_LOVELACE_EXAMPLE_COM");
        assertThat(names.business("Retail-EU")).isEqualTo("GH_BIZ_RETAIL_EU_PUBLIC");
        assertThat(names.tableGroup("sales orders")).isEqualTo("GH_TG_SALES_ORDERS");
        assertThat(names.tableGroupWrite("sales orders")).isEqualTo("GH_TG_SALES_ORDERS_WRITE");
        assertThat(names.sharedSchema("ANALYTICS", "sandbox")).isEqualTo("GH_SS_ANALYTICS_SANDBOX");
        assertThat(new RoleNames("ACME_").user("bob")).isEqualTo("ACME_USER_BOB");
    }

    @Test
    void refusesCharactersARoleNameCannotCarry() {
        assertThatThrownBy(() -> names.tableGroup("x\"; DROP ROLE SYSADMIN; --"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("'\"'");
        assertThatThrownBy(() -> names.business("Zürich")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> names.user(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> names.user("a\tb")).hasMessageContaining("\\u0009");
    }

    /** Upper-casing folds some letters into ASCII (yılmaz -> YILMAZ, straße -> STRASSE): refused, never merged. */
    @Test
    void refusesNonAsciiSourcesThatUpperCasingWouldFoldIntoAnotherName() {
        assertThatThrownBy(() -> names.user("yılmaz")).isInstanceOf(InvalidNameException.class).hasMessageContaining("non-ASCII");
        assertThatThrownBy(() -> names.user("straße")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> RoleNames.login("ſam")).isInstanceOf(InvalidNameException.class);
        assertThat(RoleNames.login("yilmaz")).isEqualTo("YILMAZ");
    }

    @Test
    void refusesNamesOverTheLengthLimit() {
        assertThat(names.user("A".repeat(247))).hasSize(255);
        assertThatThrownBy(() -> names.user("A".repeat(248))).hasMessageContaining("longer than 255");
    }

    @Test
    void theMappingIsNotInjectiveSoTheServiceRegistersSources() {
        // a.b and a_b and A-B collide: the grant-service's registry (RoleRegistry) refuses the second source.
        assertThat(names.user("a.b")).isEqualTo(names.user("a_b")).isEqualTo(names.user("A-B"));
    }

    @Test
    void managedMeansPrefixedAndNeverASystemRole() {
        assertThat(names.isManaged("GH_USER_ADA")).isTrue();
        assertThat(names.isManaged("SYSADMIN")).isFalse();
        assertThat(names.isManaged("ANALYST")).isFalse();
        assertThat(new RoleNames("SYS").isManaged("SYSADMIN")).isFalse();
        assertThatThrownBy(() -> new RoleNames("gh_")).isInstanceOf(IllegalArgumentException.class);
    }
}
