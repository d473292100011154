package io.gatehouse.fivetran.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectionListTest {
    static FivetranSandbox sandbox;
    static ApiCaller api;

    @BeforeAll
    static void start() {
        sandbox = FivetranSandbox.builder().group("g1", "g2").start();
        api = new ApiCaller(sandbox);
        for (int i = 0; i < 5; i++) api.createCardConnection("g1", "google_sheets", "s" + i, "https://x.example/r");
        api.createCardConnection("g2", "google_sheets", "s0", "https://x.example/r");
    }

    @AfterAll
    static void stop() { sandbox.stop(); }

    @Test
    void cursorPaginationWalksEveryConnectionOfAGroupOnce() {
        List<String> schemas = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiCaller.Reply page = api.get("/v1/groups/g1/connections?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.data().path("items").forEach(item -> schemas.add(item.path("schema").asText()));
            JsonNode next = page.data().path("next_cursor");
            cursor = next.isNull() ? null : next.asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(schemas).containsExactly("s0", "s1", "s2", "s3", "s4");
    }

    @Test
    void schemaFilterMatchesExactlyWithinTheGroup() {
        ApiCaller.Reply found = api.get("/v1/groups/g2/connections?schema=s0");
        assertThat(found.data().path("items")).hasSize(1);
        assertThat(found.data().path("items").get(0).path("group_id").asText()).isEqualTo("g2");
        assertThat(api.get("/v1/connections?group_id=g1&schema=s").data().path("items")).isEmpty();
        assertThat(api.get("/v1/connections?schema=s0").data().path("items")).hasSize(2);
        assertThat(api.get("/v1/groups/unknown/connections").status()).isEqualTo(404);
        assertThat(api.get("/v1/connections?limit=0").status()).isEqualTo(400);
    }

    @Test
    void listItemsDoNotCarryCardTokens() {
        api.get("/v1/connections").data().path("items").forEach(item -> assertThat(item.has("connect_card")).isFalse());
    }
}
