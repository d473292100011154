package io.gatehouse.console.api;

import io.gatehouse.console.config.ConsoleConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The console's clients of the services, built once from {@code gatehouse.console.services}. */
@ApplicationScoped
public class Services {

    public static final String GRANT = "grant-service";
    public static final String ONBOARDING = "onboarding-service";

    private final GrantApi grant;
    private final OnboardingApi onboarding;
    private final Map<String, OperationsApi> operations = new TreeMap<>();

    Services(ConsoleConfig config) {
        long timeout = config.serviceTimeout().toMillis();
        grant = client(config, GRANT, GrantApi.class, timeout);
        onboarding = client(config, ONBOARDING, OnboardingApi.class, timeout);
        for (String name : config.services().keySet()) {
            operations.put(name, client(config, name, OperationsApi.class, timeout));
        }
    }

    public GrantApi grant() {
        return grant;
    }

    public OnboardingApi onboarding() {
        return onboarding;
    }

    /** Each service's operations API by service name, in name order. */
    public Map<String, OperationsApi> operations() {
        return operations;
    }

    public OperationsApi operations(String service) {
        OperationsApi api = operations.get(service);
        if (api == null) {
            throw new jakarta.ws.rs.NotFoundException("no service " + service);
        }
        return api;
    }

    private static <T> T client(ConsoleConfig config, String name, Class<T> type, long timeoutMillis) {
        URI url = config.services().get(name);
        if (url == null) {
            throw new IllegalStateException("gatehouse.console.services." + name + " must be set");
        }
        return QuarkusRestClientBuilder.newBuilder().baseUri(url)
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS).readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .build(type);
    }
}
