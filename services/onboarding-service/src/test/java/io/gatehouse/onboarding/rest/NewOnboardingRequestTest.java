package io.gatehouse.onboarding.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.onboarding.domain.CanonicalJson;
import io.gatehouse.onboarding.service.NewRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test of the POST body: its fingerprint and the command it becomes. */
class NewOnboardingRequestTest {

    private static NewOnboardingRequest body() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", 1433);
        config.put("host", "sql.example.com");
        config.put("ssh", new LinkedHashMap<>(Map.of("user", "u")));
        config.put("database", "sales");
        return new NewOnboardingRequest("sql_server_rds", "warehouse_group", "sales", config,
                new NewOnboardingRequest.Owner("Ada Owner", "ada@example.com"), "sales_core", List.of("finance", "sales"));
    }

    /** Rows stored before keep their fingerprint: a replay after an upgrade must still be recognised. */
    @Test
    void fingerprintIsTheOneEarlierVersionsStored() {
        assertThat(CanonicalJson.fingerprint(body()))
                .isEqualTo("fb5fc91da441274fec1421112dc8150d1ce3ed2715824d898d3464f6063fc779");
    }

    @Test
    void commandCarriesEveryField() {
        NewOnboardingRequest body = body();
        assertThat(body.command()).isEqualTo(new NewRequest("sql_server_rds", "warehouse_group", "sales", body.config(),
                "Ada Owner", "ada@example.com", "sales_core", List.of("finance", "sales")));
    }
}
