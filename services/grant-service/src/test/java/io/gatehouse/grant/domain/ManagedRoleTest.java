package io.gatehouse.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: a managed role's (kind, source) round trip and its role name; refused names answer 400. */
class ManagedRoleTest {

    @Test
    void everyKindComesBackFromItsKindAndSource() {
        List<ManagedRole> roles = List.of(new ManagedRole.User("ADA"), new ManagedRole.Business("retail"),
                new ManagedRole.Group("sales"), new ManagedRole.SharedSchema("LAB", "my \"team\""),
                new ManagedRole.GroupWrite("sales"));
        for (ManagedRole role : roles) {
            assertThat(ManagedRole.of(role.kind(), role.source())).isEqualTo(role);
        }
        assertThat(roles).extracting(ManagedRole::kind).containsExactly(ManagedRole.Kind.values());
    }

    @Test
    void eachKindIsNamedByTheRoleNameRule() {
        RoleNames names = new RoleNames("GH_");
        assertThat(new ManagedRole.User("ada.lovelace@example.com").roleName(names))
                .isEqualTo("GH_USER_ADA_LOVELACE_EXAMPLE_COM");
        assertThat(new ManagedRole.Business("Retail-EU").roleName(names)).isEqualTo("GH_BIZ_RETAIL_EU_PUBLIC");
        assertThat(new ManagedRole.Group("sales orders").roleName(names)).isEqualTo("GH_TG_SALES_ORDERS");
        assertThat(new ManagedRole.GroupWrite("sales orders").roleName(names)).isEqualTo("GH_TG_SALES_ORDERS_WRITE");
        assertThat(new ManagedRole.SharedSchema("ANALYTICS", "sandbox").roleName(names))
                .isEqualTo("GH_SS_ANALYTICS_SANDBOX");
    }

    /** Logins are case-insensitive: one case is the registry's source, so ada and ADA are one user, not a collision. */
    @Test
    void aLoginIsTheSameSourceWhateverItsCase() {
        assertThat(new ManagedRole.User("ada").source()).isEqualTo(new ManagedRole.User("ADA").source());
    }

    @Test
    void qualifiedNamesParseOrRefuseWithTheExpectedShape() {
        assertThat(SchemaRef.parse("LAB.\"a.b\"")).isEqualTo(new SchemaRef("LAB", "a.b"));
        assertThat(TableRef.parse("D.S.T")).isEqualTo(new TableRef("D", "S", "T"));
        assertThatThrownBy(() -> SchemaRef.parse("LAB")).isInstanceOf(InvalidNameException.class)
                .hasMessage("expected DB.SCHEMA, got LAB");
        assertThatThrownBy(() -> TableRef.parse("D.S")).isInstanceOf(InvalidNameException.class)
                .hasMessage("expected DB.SCHEMA.TABLE, got D.S");
        assertThat(new InvalidNameException("x").violations()).isEmpty();
    }
}
