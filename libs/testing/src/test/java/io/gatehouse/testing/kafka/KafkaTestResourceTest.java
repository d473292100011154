package io.gatehouse.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the resource starts a broker that answers on a TCP port and carries records. */
class KafkaTestResourceTest {

    @Test
    void brokerAnswersOnTcpAndCarriesRecords() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        Map<String, String> config = resource.start();
        try {
            String bootstrap = config.get("kafka.bootstrap.servers");
            assertThat(bootstrap).matches(".+:\\d+");
            String first = bootstrap.split(",")[0];
            String host = first.substring(0, first.lastIndexOf(':')).replace("PLAINTEXT://", "");
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2000);
                assertThat(socket.isConnected()).isTrue();
            }
            try (KafkaCompanion companion = new KafkaCompanion(bootstrap)) {
                companion.produceStrings().fromRecords(new ProducerRecord<>("selftest", "k", "hello")).awaitCompletion();
                var records = companion.consumeStrings().fromTopics("selftest", 1).awaitCompletion(Duration.ofSeconds(20));
                assertThat(records.getFirstRecord().value()).isEqualTo("hello");
                assertThat(records.getFirstRecord().key()).isEqualTo("k");
            }
        } finally {
            resource.stop();
        }
    }
}
