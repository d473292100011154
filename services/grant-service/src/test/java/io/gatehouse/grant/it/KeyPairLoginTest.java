package io.gatehouse.grant.it;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE with an unencrypted PKCS#8 key, no password anywhere. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeKeyPairResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KeyPairLoginTest extends KeyPairLoginStory {
}
