package io.gatehouse.webhook.fivetran;

import io.gatehouse.fivetran.client.FivetranConfig;
import io.gatehouse.fivetran.client.FivetranRetry;
import io.gatehouse.fivetran.client.model.Webhook;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Lists the account's Fivetran webhooks, every page, with the same credentials, timeouts and retries as FivetranClient. */
@ApplicationScoped
public class FivetranWebhooks {

    private static final int PAGE_SIZE = 100;

    private final FivetranWebhookListApi api;
    private final FivetranRetry retry;

    FivetranWebhooks(FivetranConfig config) {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((config.apiKey() + ":" + config.apiSecret()).getBytes(StandardCharsets.UTF_8));
        ClientRequestFilter auth = request -> {
            request.getHeaders().putSingle("Authorization", authorization);
            request.getHeaders().putSingle("Accept", "application/json");
        };
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(auth)
                .build(FivetranWebhookListApi.class);
        this.retry = new FivetranRetry(FivetranRetry.Settings.of(config.retry()));
    }

    public List<Webhook> all() {
        List<Webhook> all = new ArrayList<>();
        String cursor = null;
        do {
            String pageCursor = cursor;
            FivetranWebhookListApi.Page page = retry.call("list webhooks", () -> api.list(pageCursor, PAGE_SIZE).data());
            if (page == null || page.items() == null) {
                break;
            }
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }
}
