package io.gatehouse.webhook.service;

import io.gatehouse.fivetran.client.FivetranApi;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.FivetranConfig;
import io.gatehouse.fivetran.client.FivetranHeaders;
import io.gatehouse.fivetran.client.FivetranRetry;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.webhook.config.ConnectCardConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fivetran as the return page asks it: one attempt, bounded by a short connect and read timeout. The shared client
 * retries for up to minutes, which suits a worker but not a browser waiting on a page anyone can reload; a setup this
 * call cannot confirm is confirmed later by connector-service's setup poll, so giving up early loses nothing.
 */
@ApplicationScoped
public class ReturnPageFivetran {

    private final FivetranApi api;
    private final FivetranClient client;

    ReturnPageFivetran(FivetranConfig fivetran, FivetranHeaders headers, ConnectCardConfig config) {
        Duration timeout = config.returnPage().fivetranTimeout();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(fivetran.baseUrl()))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .clientHeadersFactory(headers)
                .build(FivetranApi.class);
        FivetranConfig.Retry retry = fivetran.retry();
        this.client = new FivetranClient(api, new FivetranRetry(
                new FivetranRetry.Settings(1, retry.initialBackoff(), retry.maxBackoff(), Duration.ZERO)));
    }

    /** The connection, or a FivetranException (FivetranUnavailableException when it did not answer in time). */
    public Connection connection(String connectionId) {
        return client.connection(connectionId);
    }

    @PreDestroy
    void close() throws IOException {
        if (api instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
