package io.gatehouse.identity.rest;

import io.gatehouse.testing.auth.TokenChecks;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * HTTP: the identity-bridge's admin side answers only a bearer JWT from the configured issuer, for our audience, unexpired and signed by
 * its key; each token below is a valid platform-admin token but for that one respect, so 401 names the check.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class SecurityTest extends TokenChecks {

    @Override
    protected String protectedPath() {
        return "/scim-tokens";
    }
}
