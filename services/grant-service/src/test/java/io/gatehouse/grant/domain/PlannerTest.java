package io.gatehouse.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.RoleNames;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the planner issues only the difference, ordered, quoted, inside the managed prefix. */
class PlannerTest {

    private final RoleNames names = new RoleNames("GH_");
    private InMemoryFacts facts;
    private InMemoryLedger ledger;
    private Planner planner;

    @BeforeEach
    void setUp() {
        facts = new InMemoryFacts();
        ledger = new InMemoryLedger();
        planner = new Planner(new DesiredState(facts, names, "SYSADMIN", false));
    }

    private List<String> apply(ManagedRole... roles) {
        List<Statement> plan = planner.plan(List.of(roles), ledger::of);
        ledger.record(plan);
        return plan.stream().map(Statement::sql).toList();
    }

    @Test
    void firstTableOfANewGroupCreatesTheGroupAndBusinessRolesInOrder() {
        facts.table("sales", new TableRef("DB", "S", "T"), "retail");
        assertThat(apply(new ManagedRole.Group("sales"), new ManagedRole.Business("retail"))).containsExactly(
                "CREATE ROLE IF NOT EXISTS \"GH_TG_SALES\"",
                "CREATE ROLE IF NOT EXISTS \"GH_BIZ_RETAIL_PUBLIC\"",
                "GRANT ROLE \"GH_TG_SALES\" TO ROLE \"SYSADMIN\"",
                "GRANT ROLE \"GH_BIZ_RETAIL_PUBLIC\" TO ROLE \"SYSADMIN\"",
                "GRANT USAGE ON DATABASE \"DB\" TO ROLE \"GH_TG_SALES\"",
                "GRANT USAGE ON SCHEMA \"DB\".\"S\" TO ROLE \"GH_TG_SALES\"",
                "GRANT SELECT ON TABLE \"DB\".\"S\".\"T\" TO ROLE \"GH_TG_SALES\"",
                "GRANT ROLE \"GH_TG_SALES\" TO ROLE \"GH_BIZ_RETAIL_PUBLIC\"");
        assertThat(apply(new ManagedRole.Group("sales"), new ManagedRole.Business("retail"))).isEmpty();
    }

    @Test
    void aUserJoiningASecondBusinessCostsOneGrant() {
        facts.table("sales", new TableRef("DB", "S", "T"), "retail").table("hr", new TableRef("DB", "H", "T"), "people");
        apply(new ManagedRole.Group("sales"), new ManagedRole.Business("retail"),
                new ManagedRole.Group("hr"), new ManagedRole.Business("people"));

        facts.join("ada", "retail");
        assertThat(apply(new ManagedRole.User("ada"))).containsExactly(
                "CREATE ROLE IF NOT EXISTS \"GH_USER_ADA\"",
                "GRANT ROLE \"GH_USER_ADA\" TO ROLE \"SYSADMIN\"",
                "GRANT ROLE \"GH_BIZ_RETAIL_PUBLIC\" TO ROLE \"GH_USER_ADA\"",
                "GRANT ROLE \"GH_USER_ADA\" TO USER \"ADA\"",
                "ALTER USER \"ADA\" SET DEFAULT_ROLE = \"GH_USER_ADA\"");
        facts.join("ada", "people");
        assertThat(apply(new ManagedRole.User("ada")))
                .containsExactly("GRANT ROLE \"GH_BIZ_PEOPLE_PUBLIC\" TO ROLE \"GH_USER_ADA\"");
    }

    @Test
    void aUserJoiningABusinessNeverSeenCreatesItsRoleFirst() {
        facts.join("ada", "new-biz");
        List<String> sql = apply(new ManagedRole.User("ada"));
        assertThat(sql).hasSize(7);
        assertThat(sql.indexOf("CREATE ROLE IF NOT EXISTS \"GH_BIZ_NEW_BIZ_PUBLIC\""))
                .isLessThan(sql.indexOf("GRANT ROLE \"GH_BIZ_NEW_BIZ_PUBLIC\" TO ROLE \"GH_USER_ADA\""));
    }

    @Test
    void leavingRevokesOneRoleAndKeepsTheEmptyUserRole() {
        facts.join("ada", "retail");
        apply(new ManagedRole.User("ada"));
        facts.leave("ada", "retail");
        assertThat(apply(new ManagedRole.User("ada")))
                .containsExactly("REVOKE ROLE \"GH_BIZ_RETAIL_PUBLIC\" FROM ROLE \"GH_USER_ADA\"");
        assertThat(ledger.of("GH_USER_ADA")).contains(new Grant.RoleExists());
    }

    @Test
    void leavingTheLastBusinessDropsTheUserRoleWhenConfigured() {
        planner = new Planner(new DesiredState(facts, names, "SYSADMIN", true));
        facts.join("ada", "retail");
        apply(new ManagedRole.User("ada"));
        facts.leave("ada", "retail");
        // DEFAULT_ROLE must never name a dropped role
        assertThat(apply(new ManagedRole.User("ada"))).containsExactly(
                "ALTER USER IF EXISTS \"ADA\" UNSET DEFAULT_ROLE, DEFAULT_WAREHOUSE", "DROP ROLE IF EXISTS \"GH_USER_ADA\"");
        assertThat(ledger.of("GH_USER_ADA")).isEmpty();
    }

    @Test
    void aTableAddedToAGroupCostsOneGrantPlusUsageOnlyWhereTheSchemaIsNew() {
        facts.table("sales", new TableRef("DB", "S", "T1"), "retail");
        apply(new ManagedRole.Group("sales"));
        facts.table("sales", new TableRef("DB", "S", "T2"));
        assertThat(apply(new ManagedRole.Group("sales")))
                .containsExactly("GRANT SELECT ON TABLE \"DB\".\"S\".\"T2\" TO ROLE \"GH_TG_SALES\"");
        facts.table("sales", new TableRef("DB", "S2", "T3"));
        assertThat(apply(new ManagedRole.Group("sales"))).containsExactly(
                "GRANT USAGE ON SCHEMA \"DB\".\"S2\" TO ROLE \"GH_TG_SALES\"",
                "GRANT SELECT ON TABLE \"DB\".\"S2\".\"T3\" TO ROLE \"GH_TG_SALES\"");
    }

    @Test
    void removingTheLastTableOfASchemaRevokesTableThenSchemaUsage() {
        facts.table("sales", new TableRef("DB", "S", "T1"), "retail").table("sales", new TableRef("DB", "S2", "T2"));
        apply(new ManagedRole.Group("sales"));
        facts.tables.get("sales").remove(new TableRef("DB", "S2", "T2"));
        assertThat(apply(new ManagedRole.Group("sales"))).containsExactly(
                "REVOKE SELECT ON TABLE \"DB\".\"S2\".\"T2\" FROM ROLE \"GH_TG_SALES\"",
                "REVOKE USAGE ON SCHEMA \"DB\".\"S2\" FROM ROLE \"GH_TG_SALES\"");
    }

    @Test
    void anInjectionAttemptInATableNameStaysInsideOneQuotedIdentifier() {
        facts.table("sales", new TableRef("DB", "S", "x\"; DROP ROLE SYSADMIN; --"), "retail");
        List<String> sql = apply(new ManagedRole.Group("sales"));
        assertThat(sql).contains(
                "GRANT SELECT ON TABLE \"DB\".\"S\".\"x\"\"; DROP ROLE SYSADMIN; --\" TO ROLE \"GH_TG_SALES\"");
        assertThat(sql).noneMatch(s -> s.startsWith("DROP"));
        assertThat(Identifier.parseQualified("\"DB\".\"S\".\"x\"\"; DROP ROLE SYSADMIN; --\"").get(2))
                .isEqualTo("x\"; DROP ROLE SYSADMIN; --");
    }

    @Test
    void sharedSchemaRoleCreatesTheManagedSchemaAndCoversFutureTables() {
        facts.sharedSchemas.add(new SchemaRef("LAB", "TEAM"));
        facts.sharedMembers.put("ada", Set.of(new SchemaRef("LAB", "TEAM")));
        facts.users.add("ada");
        List<String> sql = apply(new ManagedRole.User("ada"));
        assertThat(sql).contains(
                "CREATE SCHEMA IF NOT EXISTS \"LAB\".\"TEAM\" WITH MANAGED ACCESS",
                "GRANT CREATE TABLE ON SCHEMA \"LAB\".\"TEAM\" TO ROLE \"GH_SS_LAB_TEAM\"",
                "GRANT SELECT ON FUTURE TABLES IN SCHEMA \"LAB\".\"TEAM\" TO ROLE \"GH_SS_LAB_TEAM\"",
                "GRANT ROLE \"GH_SS_LAB_TEAM\" TO ROLE \"GH_USER_ADA\"");
        assertThat(sql.indexOf("CREATE SCHEMA IF NOT EXISTS \"LAB\".\"TEAM\" WITH MANAGED ACCESS"))
                .isLessThan(sql.indexOf("GRANT USAGE ON SCHEMA \"LAB\".\"TEAM\" TO ROLE \"GH_SS_LAB_TEAM\""));
    }

    @Test
    void aWriteRoleHoldsTheReadRoleAndWritesOnEveryTableAndGrowsWithTheGroup() {
        facts.table("sales", new TableRef("DB", "S", "T1"), "retail").writer("sales", "ada");
        List<String> sql = apply(new ManagedRole.User("ada"));
        assertThat(sql).contains(
                "CREATE ROLE IF NOT EXISTS \"GH_TG_SALES_WRITE\"",
                "GRANT ROLE \"GH_TG_SALES_WRITE\" TO ROLE \"SYSADMIN\"",
                "GRANT ROLE \"GH_TG_SALES\" TO ROLE \"GH_TG_SALES_WRITE\"",
                "GRANT INSERT ON TABLE \"DB\".\"S\".\"T1\" TO ROLE \"GH_TG_SALES_WRITE\"",
                "GRANT TRUNCATE ON TABLE \"DB\".\"S\".\"T1\" TO ROLE \"GH_TG_SALES_WRITE\"",
                "GRANT ROLE \"GH_TG_SALES_WRITE\" TO ROLE \"GH_USER_ADA\"");
        assertThat(sql.indexOf("CREATE ROLE IF NOT EXISTS \"GH_TG_SALES\""))
                .isLessThan(sql.indexOf("GRANT ROLE \"GH_TG_SALES\" TO ROLE \"GH_TG_SALES_WRITE\""));
        assertThat(ledger.of("GH_TG_SALES")).doesNotContain(
                new Grant.Privilege("INSERT", Securable.table("DB", "S", "T1")));

        facts.table("sales", new TableRef("DB", "S", "T2"));
        assertThat(apply(new ManagedRole.Group("sales"), new ManagedRole.GroupWrite("sales"))).containsExactly(
                "GRANT SELECT ON TABLE \"DB\".\"S\".\"T2\" TO ROLE \"GH_TG_SALES\"",
                "GRANT DELETE ON TABLE \"DB\".\"S\".\"T2\" TO ROLE \"GH_TG_SALES_WRITE\"",
                "GRANT INSERT ON TABLE \"DB\".\"S\".\"T2\" TO ROLE \"GH_TG_SALES_WRITE\"",
                "GRANT TRUNCATE ON TABLE \"DB\".\"S\".\"T2\" TO ROLE \"GH_TG_SALES_WRITE\"",
                "GRANT UPDATE ON TABLE \"DB\".\"S\".\"T2\" TO ROLE \"GH_TG_SALES_WRITE\"");
    }

    @Test
    void aDeletedGroupIsRevokedFromItsHoldersBeforeItsRolesAreDropped() {
        facts.table("sales", new TableRef("DB", "S", "T1"), "retail").table("hr", new TableRef("DB", "H", "T"), "retail")
                .writer("sales", "ada");
        apply(new ManagedRole.User("ada"), new ManagedRole.Business("retail"));
        facts.tables.remove("sales");
        facts.publications.get("retail").remove("sales");
        facts.writers.clear();
        assertThat(apply(new ManagedRole.Business("retail"), new ManagedRole.User("ada"),
                new ManagedRole.GroupWrite("sales"), new ManagedRole.Group("sales"))).containsExactly(
                "REVOKE ROLE \"GH_TG_SALES\" FROM ROLE \"GH_BIZ_RETAIL_PUBLIC\"",
                "REVOKE ROLE \"GH_TG_SALES_WRITE\" FROM ROLE \"GH_USER_ADA\"",
                "DROP ROLE IF EXISTS \"GH_TG_SALES_WRITE\"",
                "DROP ROLE IF EXISTS \"GH_TG_SALES\"");
    }

    @Test
    void aSharedSchemaDeletedWithItsSchemaDropsTheSchemaGatehouseCreatedThenTheRole() {
        SchemaRef team = new SchemaRef("LAB", "TEAM");
        facts.sharedSchemas.add(team);
        apply(new ManagedRole.SharedSchema("LAB", "TEAM"));
        facts.sharedSchemas.remove(team);
        facts.schemaDrops.add(team);
        assertThat(apply(new ManagedRole.SharedSchema("LAB", "TEAM"))).containsExactly(
                "DROP SCHEMA IF EXISTS \"LAB\".\"TEAM\"",
                "DROP ROLE IF EXISTS \"GH_SS_LAB_TEAM\"");
        assertThat(apply(new ManagedRole.SharedSchema("LAB", "TEAM"))).isEmpty();
    }

    @Test
    void refusesToTouchARoleOutsideThePrefixOrGrantToAnotherSystemRole() {
        RoleState foreign = new RoleState("ANALYST", true, Set.of(new Grant.RoleExists()));
        assertThatThrownBy(() -> planner.diff(List.of(foreign), r -> Set.of())).hasMessageContaining("outside the managed prefix");
        RoleState toAdmin = new RoleState("GH_TG_X", true, Set.of(new Grant.GrantedTo(Grant.Grantee.ROLE, "ACCOUNTADMIN")));
        assertThatThrownBy(() -> planner.diff(List.of(toAdmin), r -> Set.of())).hasMessageContaining("only to the parent");
        RoleState holdsSys = new RoleState("GH_TG_X", true,
                Set.of(new Grant.Privilege("USAGE", Securable.role("SECURITYADMIN"))));
        assertThatThrownBy(() -> planner.diff(List.of(holdsSys), r -> Set.of())).hasMessageContaining("SECURITYADMIN");
    }

    @Test
    void aBusinessWarehouseIsGrantedToItsRoleAndBecomesItsMembersDefault() {
        facts.businessWarehouses.put("retail", "RETAIL_WH");
        facts.join("ada", "retail");
        assertThat(apply(new ManagedRole.User("ada"))).contains(
                "GRANT USAGE ON WAREHOUSE \"RETAIL_WH\" TO ROLE \"GH_BIZ_RETAIL_PUBLIC\"",
                "ALTER USER \"ADA\" SET DEFAULT_ROLE = \"GH_USER_ADA\" DEFAULT_WAREHOUSE = \"RETAIL_WH\"");
        assertThat(apply(new ManagedRole.User("ada"), new ManagedRole.Business("retail"))).isEmpty();

        facts.businessWarehouses.put("retail", "BIG_WH");
        assertThat(apply(new ManagedRole.Business("retail"), new ManagedRole.User("ada"))).containsExactly(
                "REVOKE USAGE ON WAREHOUSE \"RETAIL_WH\" FROM ROLE \"GH_BIZ_RETAIL_PUBLIC\"",
                "GRANT USAGE ON WAREHOUSE \"BIG_WH\" TO ROLE \"GH_BIZ_RETAIL_PUBLIC\"",
                "ALTER USER \"ADA\" SET DEFAULT_ROLE = \"GH_USER_ADA\" DEFAULT_WAREHOUSE = \"BIG_WH\"");

        facts.leave("ada", "retail");
        assertThat(apply(new ManagedRole.User("ada"))).containsExactly(
                "ALTER USER IF EXISTS \"ADA\" UNSET DEFAULT_ROLE, DEFAULT_WAREHOUSE",
                "REVOKE ROLE \"GH_BIZ_RETAIL_PUBLIC\" FROM ROLE \"GH_USER_ADA\"",
                "ALTER USER \"ADA\" SET DEFAULT_ROLE = \"GH_USER_ADA\"");
        assertThat(ledger.of("GH_USER_ADA")).contains(new Grant.UserDefaults("ADA", null));
    }

    @Test
    void theDefaultWarehouseIsTheFirstBusinessByNameWithOneElseTheConfiguredDefaultElseASharedSchemas() {
        planner = new Planner(new DesiredState(facts, names, "SYSADMIN", false, java.util.Optional.of("ALL_WH")));
        facts.businessWarehouses.put("zoo", "ZOO_WH");
        facts.businessWarehouses.put("bank", "BANK_WH");
        facts.join("ada", "zoo").join("ada", "bank").join("bob", "retail");
        assertThat(apply(new ManagedRole.User("ada")))
                .contains("ALTER USER \"ADA\" SET DEFAULT_ROLE = \"GH_USER_ADA\" DEFAULT_WAREHOUSE = \"BANK_WH\"");
        assertThat(apply(new ManagedRole.User("bob"))).contains(
                "GRANT USAGE ON WAREHOUSE \"ALL_WH\" TO ROLE \"GH_BIZ_RETAIL_PUBLIC\"",
                "ALTER USER \"BOB\" SET DEFAULT_ROLE = \"GH_USER_BOB\" DEFAULT_WAREHOUSE = \"ALL_WH\"");

        planner = new Planner(new DesiredState(facts, names, "SYSADMIN", false));
        SchemaRef lab = new SchemaRef("LAB", "TEAM");
        facts.sharedSchemas.add(lab);
        facts.schemaWarehouses.put(lab, "LAB_WH");
        facts.sharedMembers.put("cy", Set.of(lab));
        facts.join("cy", "retail");
        assertThat(apply(new ManagedRole.User("cy"))).contains(
                "GRANT USAGE ON WAREHOUSE \"LAB_WH\" TO ROLE \"GH_SS_LAB_TEAM\"",
                "ALTER USER \"CY\" SET DEFAULT_ROLE = \"GH_USER_CY\" DEFAULT_WAREHOUSE = \"LAB_WH\"");
    }
}
