package io.gatehouse.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: a managed role survives the role registry's (kind, source) pair, and refused names answer 400. */
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
