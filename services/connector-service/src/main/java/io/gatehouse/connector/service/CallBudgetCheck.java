package io.gatehouse.connector.service;

import io.gatehouse.connector.config.CallBudget;
import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.fivetran.client.FivetranConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Refuses to start when the worker's step budget or the poller's lease does not cover its Fivetran calls (CallBudget). */
@ApplicationScoped
public class CallBudgetCheck {

    private final CallBudget budget;
    private final ConnectorConfig config;

    CallBudgetCheck(FivetranConfig fivetran, ConnectorConfig config,
            @ConfigProperty(name = "quarkus.rest-client.fivetran.connect-timeout", defaultValue = "5000") long connect,
            @ConfigProperty(name = "quarkus.rest-client.fivetran.read-timeout", defaultValue = "30000") long read) {
        FivetranConfig.Retry retry = fivetran.retry();
        Duration longestWait = retry.maxBackoff().compareTo(retry.maxRetryAfter()) > 0 ? retry.maxBackoff()
                : retry.maxRetryAfter();
        this.budget = new CallBudget(retry.maxAttempts(), Duration.ofMillis(connect), Duration.ofMillis(read), longestWait);
        this.config = config;
    }

    void check(@Observes StartupEvent startup) {
        List<String> problems = budget.problems(config.worker().stepBudget(), config.poll().lease());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("connector-service time limits do not cover its Fivetran calls: "
                    + String.join("; ", problems));
        }
    }
}
