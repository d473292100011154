package io.gatehouse.grant.it;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An encrypted PKCS#8 key file (PBES2, AES-256) and GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_PASSWORD. snowflake-jdbc decrypts it
 * itself (its shaded BouncyCastle), so the service needs no extra dependency.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeKeyPairResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "encrypted", value = "true"))
class EncryptedKeyPairLoginTest extends KeyPairLoginStory {
}
