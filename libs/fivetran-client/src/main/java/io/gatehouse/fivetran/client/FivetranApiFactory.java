package io.gatehouse.fivetran.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Builds the REST client from explicit settings, so base URL, credentials and timeouts come from one typed place. */
public final class FivetranApiFactory {
    private FivetranApiFactory() {}

    public static FivetranApi create(String baseUrl, String apiKey, String apiSecret, Duration connectTimeout, Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new FivetranAuthFilter(apiKey, apiSecret))
                .build(FivetranApi.class);
    }

    public static FivetranApi create(FivetranConfig config) {
        return create(config.baseUrl(), config.apiKey(), config.apiSecret(), config.connectTimeout(), config.readTimeout());
    }
}
