package io.gatehouse.grant.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.Securable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: every grant the planner records fits one ledger row and reads back as itself. */
class AppliedGrantTest {

    @Test
    void everyGrantReadsBackFromItsRow() {
        List<Grant> grants = List.of(new Grant.RoleExists(), new Grant.ManagedSchema("LAB", "team \"x\""),
                new Grant.Privilege("SELECT", Securable.table("D", "S", "a.b")),
                new Grant.Privilege("USAGE", Securable.role("GH_TG_SALES")),
                new Grant.Privilege("INSERT", new Securable(Securable.Type.FUTURE_TABLES_IN_SCHEMA, List.of("LAB", "T"))),
                new Grant.GrantedTo(Grant.Grantee.ROLE, "SYSADMIN"), new Grant.GrantedTo(Grant.Grantee.USER, "ADA"),
                new Grant.Privilege("USAGE", Securable.warehouse("FINANCE \"WH\"")),
                new Grant.UserDefaults("ADA", "FINANCE.WH"), new Grant.UserDefaults("A.DA", null));
        for (Grant grant : grants) {
            assertThat(AppliedGrant.of("GH_TG_SALES", grant).grant()).isEqualTo(grant);
        }
    }

    @Test
    void rowsKeepTheColumnsTheLedgerHasAlwaysWritten() {
        AppliedGrant role = AppliedGrant.of("GH_X", new Grant.RoleExists());
        assertThat(List.of(role.kind.name(), role.privilege, role.objectType, role.objectName))
                .containsExactly("ROLE", "-", "-", "-");
        AppliedGrant schema = AppliedGrant.of("GH_X", new Grant.ManagedSchema("LAB", "T"));
        assertThat(List.of(schema.kind.name(), schema.privilege, schema.objectType, schema.objectName))
                .containsExactly("SCHEMA", "-", "SCHEMA", "\"LAB\".\"T\"");
        AppliedGrant privilege = AppliedGrant.of("GH_X", new Grant.Privilege("SELECT", Securable.table("D", "S", "T")));
        assertThat(List.of(privilege.kind.name(), privilege.privilege, privilege.objectType, privilege.objectName))
                .containsExactly("PRIVILEGE", "SELECT", "TABLE", "\"D\".\"S\".\"T\"");
        AppliedGrant grantee = AppliedGrant.of("GH_X", new Grant.GrantedTo(Grant.Grantee.USER, "ADA"));
        assertThat(List.of(grantee.kind.name(), grantee.privilege, grantee.objectType, grantee.objectName))
                .containsExactly("GRANTED_TO", "-", "USER", "\"ADA\"");
        AppliedGrant defaults = AppliedGrant.of("GH_X", new Grant.UserDefaults("ADA", "WH"));
        assertThat(List.of(defaults.kind.name(), defaults.privilege, defaults.objectType, defaults.objectName))
                .containsExactly("USER_DEFAULTS", "-", "USER", "\"ADA\".\"WH\"");
    }
}
