package io.gatehouse.fivetran.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Everything a sandbox is configured with; defaults suit a test (random port, fast sync, fast retries). */
public record SandboxSettings(int port, String apiKey, String apiSecret, Set<String> groups, ServiceCatalog catalog,
                              String acceptedCredential, Duration syncDuration, Clock clock,
                              Duration webhookRetryIncrement, int webhookMaxAttempts, boolean upperCaseSignatures,
                              boolean requireHttpsWebhooks) {

    public static Builder builder() { return new Builder(); }

    /** Fluent builder; {@link #start()} builds and starts the sandbox. */
    public static final class Builder {
        private int port;
        private String apiKey = "sandbox-key";
        private String apiSecret = "sandbox-secret";
        private final Set<String> groups = new LinkedHashSet<>();
        private ServiceCatalog catalog = ServiceCatalog.defaults();
        private String acceptedCredential = "correct-horse";
        private Duration syncDuration = Duration.ofMillis(300);
        private Clock clock = Clock.systemUTC();
        private Duration webhookRetryIncrement = Duration.ofMillis(200);
        private int webhookMaxAttempts = 5;
        private boolean upperCaseSignatures;
        private boolean requireHttpsWebhooks;

        /** 0 (the default) picks a free port. */
        public Builder port(int port) { this.port = port; return this; }

        public Builder apiKey(String apiKey) { this.apiKey = Objects.requireNonNull(apiKey); return this; }

        public Builder apiSecret(String apiSecret) { this.apiSecret = Objects.requireNonNull(apiSecret); return this; }

        /** Known destination group ids; "sandbox_group" when none is given. */
        public Builder group(String... groupIds) { groups.addAll(Set.of(groupIds)); return this; }

        public Builder catalog(ServiceCatalog catalog) { this.catalog = Objects.requireNonNull(catalog); return this; }

        /** The only password the simulated sources accept in a setup test. */
        public Builder acceptedCredential(String credential) { this.acceptedCredential = Objects.requireNonNull(credential); return this; }

        public Builder syncDuration(Duration duration) { this.syncDuration = duration; return this; }

        /** Drives Connect Card expiry (one day) and timestamps. */
        public Builder clock(Clock clock) { this.clock = clock; return this; }

        /** Each webhook retry waits the previous wait plus this (Fivetran: 5 minutes). */
        public Builder webhookRetryIncrement(Duration increment) { this.webhookRetryIncrement = increment; return this; }

        public Builder webhookMaxAttempts(int attempts) { this.webhookMaxAttempts = attempts; return this; }

        /** Sends the signature in upper-case hex (evidence on Fivetran's case conflicts; receivers should not care). */
        public Builder upperCaseSignatures(boolean upper) { this.upperCaseSignatures = upper; return this; }

        /** Refuse plain-HTTP webhook URLs with 400, as Fivetran does. */
        public Builder requireHttpsWebhooks(boolean require) { this.requireHttpsWebhooks = require; return this; }

        public SandboxSettings settings() {
            Set<String> knownGroups = groups.isEmpty() ? Set.of("sandbox_group") : Set.copyOf(groups);
            return new SandboxSettings(port, apiKey, apiSecret, knownGroups, catalog, acceptedCredential, syncDuration,
                    clock, webhookRetryIncrement, webhookMaxAttempts, upperCaseSignatures, requireHttpsWebhooks);
        }

        public FivetranSandbox build() { return FivetranSandbox.create(settings()); }

        public FivetranSandbox start() { return build().start(); }
    }

    @Override
    public String toString() {
        // The secret is deliberately left out.
        return "SandboxSettings[port=" + port + ", apiKey=" + apiKey + ", groups=" + groups + ", syncDuration=" + syncDuration + "]";
    }
}
