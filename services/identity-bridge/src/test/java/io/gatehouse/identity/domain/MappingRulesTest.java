package io.gatehouse.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.identity.config.IdentityConfig.LoginSource;
import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups to businesses and userNames to logins, with the grant-service's own role-name rule deciding what is valid. */
class MappingRulesTest {

    private static final RoleNames NAMES = new RoleNames("GH_");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void businessesByPrefixOrByList() {
        BusinessGroups groups = new BusinessGroups("biz-", List.of("Finance"), NAMES);
        assertThat(groups.of("BIZ-sales emea")).contains(new BusinessGroups.Business("sales emea", "GH_BIZ_SALES_EMEA_PUBLIC"));
        assertThat(groups.of("finance")).contains(new BusinessGroups.Business("finance", "GH_BIZ_FINANCE_PUBLIC"));
        assertThat(groups.of("book club")).isEmpty();
        assertThat(new BusinessGroups("", List.of(), NAMES).of("biz-sales")).isEmpty();
        assertThatThrownBy(() -> groups.of("biz-fin\"ance")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> groups.of("biz-")).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void loginsFromUserNameOrAnAttribute() throws Exception {
        assertThat(new LoginRule(LoginSource.USER_NAME_LOCAL_PART, null, NAMES).loginOf("ada.lovelace@example.com", null))
                .isEqualTo("ADA.LOVELACE");
        assertThat(new LoginRule(LoginSource.USER_NAME, null, NAMES).loginOf("ada", null)).isEqualTo("ADA");
        LoginRule byEmployeeNumber = new LoginRule(LoginSource.ATTRIBUTE,
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", NAMES);
        assertThat(byEmployeeNumber.loginOf("ada@example.com", JSON.readTree("""
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "e701"}}""")))
                .isEqualTo("E701");
        assertThatThrownBy(() -> byEmployeeNumber.loginOf("ada@example.com", JSON.readTree("{}")))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("employeeNumber");
        // '@' and '.' map to '_' in a role name; a quote cannot be carried at all.
        assertThat(new LoginRule(LoginSource.USER_NAME, null, NAMES).loginOf("ada@example.com", null))
                .isEqualTo("ADA@EXAMPLE.COM");
        assertThatThrownBy(() -> new LoginRule(LoginSource.USER_NAME, null, NAMES).loginOf("o'brien@example.com", null))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> new LoginRule(LoginSource.USER_NAME_LOCAL_PART, null, NAMES).loginOf("a".repeat(250) + "@x", null))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("255");
    }
}
