package io.gatehouse.grant.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParentRoleRuleTest {

    @Test
    void publicIsRefusedBecauseEveryUserHoldsIt() {
        assertThat(ParentRoleRule.refusal("PUBLIC", "GH_")).hasValueSatisfying(m -> assertThat(m)
                .contains("must not be PUBLIC").contains("every user holds PUBLIC"));
        assertThat(ParentRoleRule.refusal("public", "GH_")).isPresent();
    }

    @Test
    void aRoleInsideTheManagedPrefixIsRefused() {
        assertThat(ParentRoleRule.refusal("GH_ADMINS", "GH_")).hasValueSatisfying(m -> assertThat(m)
                .contains("GH_ADMINS is inside the managed prefix GH_"));
    }

    @Test
    void anEmptyParentIsRefused() {
        assertThat(ParentRoleRule.refusal(" ", "GH_")).hasValueSatisfying(m -> assertThat(m).contains("is empty"));
    }

    @Test
    void sysadminAndACustomRoleOutsideThePrefixAreAccepted() {
        assertThat(ParentRoleRule.refusal("SYSADMIN", "GH_")).isEmpty();
        assertThat(ParentRoleRule.refusal("DATA_PLATFORM", "GH_")).isEmpty();
    }
}
