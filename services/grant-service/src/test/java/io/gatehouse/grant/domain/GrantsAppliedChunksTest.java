package io.gatehouse.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.EventCodec;
import io.gatehouse.events.EventType;
import io.gatehouse.events.GrantsApplied;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit (domain): GrantsApplied of a big apply is split into schema-valid events under the broker's limit. */
class GrantsAppliedChunksTest {

    static final int KAFKA_RECORD_LIMIT = 1024 * 1024;
    static final String ROLE = "GH_TG_SALES";
    final EventCodec codec = new EventCodec();

    @Test
    void aFirstApplyOfThousandsOfStatementsBecomesSeveralEventsEachUnderTheLimit() {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            statements.add("GRANT SELECT ON TABLE \"FIVETRAN_DATABASE_WITH_A_LONG_NAME\".\"SALESFORCE_EMEA_PRODUCTION\".\"TABLE_"
                    + "X".repeat(200) + "_" + i + "\" TO ROLE \"" + ROLE + "\"");
        }
        int oneEvent = bytes(new GrantsApplied(ROLE, "ev-1", "gatehouse.TableAdded.v1", statements));
        assertThat(oneEvent).as("the unsplit event").isGreaterThan(KAFKA_RECORD_LIMIT);

        List<GrantsApplied> events = GrantsAppliedChunks.of(ROLE, "ev-1", "gatehouse.TableAdded.v1", statements);

        assertThat(events).hasSizeGreaterThan(4);
        List<String> together = new ArrayList<>();
        for (GrantsApplied e : events) {
            String json = codec.toJson(e);
            assertThat(json.getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(GrantsAppliedChunks.MAX_STATEMENT_BYTES + 1024)
                    .isLessThan(KAFKA_RECORD_LIMIT);
            assertThat(codec.fromJson(EventType.of(GrantsApplied.class), json)).isEqualTo(e);   // schema-valid
            assertThat(e.role()).isEqualTo(ROLE);
            assertThat(e.causeEventId()).isEqualTo("ev-1");
            assertThat(e.causeType()).isEqualTo("gatehouse.TableAdded.v1");
            together.addAll(e.statements());
        }
        assertThat(together).containsExactlyElementsOf(statements);
    }

    @Test
    void manyShortStatementsAreSplitByCount() {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            statements.add("GRANT ROLE \"GH_BIZ_B" + i + "_PUBLIC\" TO ROLE \"GH_USER_ADA\"");
        }

        List<GrantsApplied> events = GrantsAppliedChunks.of("GH_USER_ADA", "ev", "t", statements);

        assertThat(events).extracting(e -> e.statements().size()).containsExactly(1000, 1000, 500);
    }

    @Test
    void aSmallApplyStaysOneEventAsBefore() {
        List<String> statements = List.of("CREATE ROLE IF NOT EXISTS \"GH_USER_ADA\"", "GRANT ROLE \"GH_USER_ADA\" TO ROLE \"SYSADMIN\"");

        assertThat(GrantsAppliedChunks.of("GH_USER_ADA", "ev", "t", statements))
                .containsExactly(new GrantsApplied("GH_USER_ADA", "ev", "t", statements));
    }

    @Test
    void theSizeOfAStatementIsWhatItTakesInTheJson() {
        for (String sql : List.of("GRANT SELECT ON TABLE \"DB\".\"S\".\"T\" TO ROLE \"R\"",
                "GRANT SELECT ON TABLE \"DB\".\"S\".\"A\\B\" TO ROLE \"R\"", "GRANT SELECT ON TABLE \"Ü€😀\" TO ROLE \"R\"",
                "GRANT SELECT ON TABLE \"LINE\nBREAK\" TO ROLE \"R\"")) {
            GrantsApplied one = new GrantsApplied("R", "e", "t", List.of(sql));
            GrantsApplied two = new GrantsApplied("R", "e", "t", List.of(sql, sql));
            assertThat(GrantsAppliedChunks.jsonSize(sql)).as(sql).isEqualTo(bytes(two) - bytes(one));
        }
    }

    private int bytes(GrantsApplied event) {
        return codec.toJson(event).getBytes(StandardCharsets.UTF_8).length;
    }
}
