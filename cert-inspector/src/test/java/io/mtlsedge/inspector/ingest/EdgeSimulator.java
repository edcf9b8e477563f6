package io.mtlsedge.inspector.ingest;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.config.OriginValidation;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.config.ViewerMtls;
import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes to the topics as the config service and the edge do. */
final class EdgeSimulator implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;

  EdgeSimulator(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  void publishTrustStore(String id, X509Certificate... cas) throws Exception {
    TrustStore trustStore = new TrustStore(id, 1L, Pem.encode((Object[]) cas), List.of());
    sendConfig(ResourceKind.TRUST_STORE.key(id), Json.mapper().writeValueAsBytes(trustStore));
  }

  void deleteTrustStore(String id) throws Exception {
    sendConfig(ResourceKind.TRUST_STORE.key(id), null);
  }

  void publishDistribution(String id, String originTrustStoreId) throws Exception {
    publishDistribution(id, originTrustStoreId, null);
  }

  /** A passthrough distribution whose viewers may present at most {@code maxChainDepth}. */
  void publishDistribution(String id, String originTrustStoreId, Integer maxChainDepth)
      throws Exception {
    Distribution distribution =
        new Distribution(
            id,
            1L,
            true,
            List.of(id + ".example.com"),
            null,
            new ViewerMtls(MtlsMode.PASSTHROUGH, null, false, false, maxChainDepth, null, null),
            null,
            List.of(),
            null,
            List.of(),
            new OriginValidation(originTrustStoreId));
    sendConfig(ResourceKind.DISTRIBUTION.key(id), Json.mapper().writeValueAsBytes(distribution));
  }

  /** Publishes one connection event with this chain, as the edge does; returns the leaf hash. */
  String publishConnection(String distributionId, List<X509Certificate> chain) throws Exception {
    Instant time = Instant.now();
    ConnectionEvent event =
        new ConnectionEvent(
            UUID.randomUUID().toString(),
            time,
            "edge-test",
            distributionId,
            UUID.randomUUID().toString(),
            "192.0.2.10",
            50000,
            distributionId + ".example.com",
            "TLSv1.3",
            "TLS_AES_128_GCM_SHA256",
            3.5,
            MtlsMode.PASSTHROUGH,
            ConnectionEvent.SUCCESS,
            null,
            chain.stream().map(Pem::base64Der).toList());
    String sha256 = CertificateFacts.sha256Hex(chain.get(0));
    sendEvent(sha256, Json.mapper().writeValueAsBytes(event), CloudEvents.TYPE_CONNECTION);
    return sha256;
  }

  /** Publishes a record with the connection event headers and any value. */
  void sendEvent(String key, byte[] value, String type) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.connections(), key, value);
    header(record, CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION);
    header(record, CloudEvents.HEADER_ID, UUID.randomUUID().toString());
    header(record, CloudEvents.HEADER_SOURCE, "/edge/test");
    header(record, CloudEvents.HEADER_TYPE, type);
    header(record, CloudEvents.HEADER_TIME, Instant.now().toString());
    header(record, CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.JSON);
    producer.send(record).get(10, TimeUnit.SECONDS);
  }

  private void sendConfig(String key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topics.config(), key, value)).get(10, TimeUnit.SECONDS);
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
