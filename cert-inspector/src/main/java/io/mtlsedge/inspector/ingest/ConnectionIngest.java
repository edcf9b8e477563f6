package io.mtlsedge.inspector.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ViewerMtls;
import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.inspector.config.InspectorConfig;
import io.mtlsedge.inspector.inventory.CertificateInventory;
import io.mtlsedge.inspector.inventory.Sighting;
import io.mtlsedge.inspector.validation.ChainValidator;
import io.mtlsedge.inspector.validation.ChainValidator.Limits;
import io.mtlsedge.inspector.validation.Purpose;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes the connection events from {@code edge.connections}, validates each presented chain against
 * the trust store the distribution's origin uses, and updates the inventory. A record that is not a
 * connection event, or does not parse, is counted, logged and skipped. No record is taken before
 * the config topic has been read to its end: until then the ingest waits, and the record is neither
 * acknowledged nor committed.
 */
@ApplicationScoped
public class ConnectionIngest {

  /** What became of the records read. */
  public enum Outcome {
    /** A connection event with a chain, validated and recorded. */
    RECORDED,
    /** A connection event without a client certificate. */
    NO_CERTIFICATE,
    /** Another CloudEvents type, or no type. */
    SKIPPED_TYPE,
    /** A record whose value or chain does not parse. */
    MALFORMED
  }

  private final ConfigView configView;
  private final CertificateInventory inventory;
  private final ChainValidator validator;
  private final MeterRegistry registry;
  private final VerdictCache cache;
  private final Duration configWait;
  private final Map<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
  private volatile boolean configReady;

  ConnectionIngest(
      ConfigView configView,
      CertificateInventory inventory,
      ChainValidator validator,
      MeterRegistry registry,
      InspectorConfig config) {
    this.configView = configView;
    this.inventory = inventory;
    this.validator = validator;
    this.registry = registry;
    this.cache =
        new VerdictCache(config.inspector().expiryWarning(), config.inspector().verdictCacheSize());
    this.configWait = config.inspector().configWait();
  }

  /** Takes one record, once the config topic has been read; acknowledges it when done. */
  @Incoming("connections")
  @Blocking
  public CompletionStage<Void> consume(Message<byte[]> message) {
    if (!awaitConfig()) {
      // Interrupted, as on shutdown: unacknowledged, the record is read again after a restart.
      return new CompletableFuture<>();
    }
    ConsumerRecord<String, byte[]> record = recordOf(message);
    try {
      count(handle(record));
    } catch (RuntimeException e) {
      // One bad record must never stop the stream: it is logged and the next one is read.
      Log.warnf(
          "skipped record at %s-%d offset %d: %s",
          record.topic(), record.partition(), record.offset(), e.toString());
      count(Outcome.MALFORMED);
    }
    return message.ack();
  }

  @SuppressWarnings("unchecked")
  private static ConsumerRecord<String, byte[]> recordOf(Message<byte[]> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(metadata -> (ConsumerRecord<String, byte[]>) metadata.getRecord())
        .orElseThrow(() -> new IllegalStateException("the message carries no Kafka record"));
  }

  /** How many records had each outcome since start. */
  public Map<String, Long> outcomes() {
    Map<String, Long> counts = new TreeMap<>();
    for (Outcome outcome : Outcome.values()) {
      LongAdder adder = outcomes.get(outcome);
      counts.put(outcome.name().toLowerCase(Locale.ROOT), adder == null ? 0 : adder.sum());
    }
    return counts;
  }

  Outcome handle(ConsumerRecord<String, byte[]> record) {
    String type = header(record, CloudEvents.HEADER_TYPE);
    if (!CloudEvents.TYPE_CONNECTION.equals(type)) {
      Log.debugf("skipped record of type %s at offset %d", type, record.offset());
      return Outcome.SKIPPED_TYPE;
    }
    ConnectionEvent event = parse(record);
    if (event.chain().isEmpty()) {
      return Outcome.NO_CERTIFICATE;
    }
    List<byte[]> chain = decode(event.chain());
    Instant at = event.time() == null ? Instant.now() : event.time();
    Verdict verdict = verdictFor(event, chain, at);
    X509Certificate leaf = leafOrNull(chain.get(0));
    inventory.record(
        new Sighting(
            CertificateFacts.sha256Hex(chain.get(0)),
            leaf,
            event.distributionId(),
            at,
            event.status(),
            verdict));
    registry.counter("inspector.verdicts", "verdict", verdict.verdict().wireName()).increment();
    Log.debugf(
        "connection %s on %s: %s", event.connectionId(), event.distributionId(), verdict.verdict());
    return Outcome.RECORDED;
  }

  private Verdict verdictFor(ConnectionEvent event, List<byte[]> chain, Instant at) {
    Distribution distribution = configView.distribution(event.distributionId()).orElse(null);
    if (distribution == null) {
      return Verdict.of(
          VerdictCode.UNTRUSTED,
          "No trust store is configured: the distribution "
              + event.distributionId()
              + " is not known to the inspector.");
    }
    String trustStoreId = trustStoreIdOf(distribution);
    if (trustStoreId == null) {
      return Verdict.of(
          VerdictCode.UNTRUSTED,
          "No trust store is configured for the distribution "
              + distribution.id()
              + ": it names none for origin validation or viewer mTLS.");
    }
    LoadedTrustStore trustStore = configView.trustStore(trustStoreId).orElse(null);
    if (trustStore == null) {
      return Verdict.of(
          VerdictCode.UNTRUSTED,
          "No trust store is configured: the trust store "
              + trustStoreId
              + " of the distribution "
              + distribution.id()
              + " is not known to the inspector.");
    }
    return cachedVerdict(chain, trustStore, limitsOf(distribution), at);
  }

  /** The limits the edge holds the distribution's viewers to. */
  static Limits limitsOf(Distribution distribution) {
    ViewerMtls viewerMtls = distribution.viewerMtls();
    return new Limits(viewerMtls.maxChainDepth(), viewerMtls.maxCertificateBytes());
  }

  private Verdict cachedVerdict(
      List<byte[]> chain, LoadedTrustStore trustStore, Limits limits, Instant at) {
    VerdictCache.Key key =
        new VerdictCache.Key(chainSha256(chain), trustStore.contentSha256(), limits);
    return cache
        .get(key, at)
        .orElseGet(
            () -> {
              Verdict verdict =
                  validator.validateDer(chain, trustStore.bundle(), at, Purpose.CLIENT, limits);
              cache.put(key, at, parsedOrEmpty(chain), verdict);
              return verdict;
            });
  }

  /** The trust store the origin validates with, else the edge's in required and optional mode. */
  static String trustStoreIdOf(Distribution distribution) {
    if (distribution.originValidation() != null
        && distribution.originValidation().trustStoreId() != null) {
      return distribution.originValidation().trustStoreId();
    }
    if (distribution.viewerMtls().mode().validatesAtEdge()) {
      return distribution.viewerMtls().trustStoreId();
    }
    return null;
  }

  /** Waits for the config topic for as long as it takes; false when interrupted. */
  private boolean awaitConfig() {
    if (configReady) {
      return true;
    }
    // Validating before the config topic is read would classify every chain as untrusted.
    try {
      while (!configView.awaitCaughtUp(configWait)) {
        Log.warnf(
            "config topic not read after %s; connection events wait for it, none is recorded",
            configWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    configReady = true;
    return true;
  }

  private static ConnectionEvent parse(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    try {
      return Json.mapper().readValue(record.value(), ConnectionEvent.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("the value is not a connection event: " + e.getMessage());
    }
  }

  private static List<byte[]> decode(List<String> chain) {
    List<byte[]> der = new ArrayList<>(chain.size());
    for (String certificate : chain) {
      der.add(Base64.getDecoder().decode(certificate));
    }
    return der;
  }

  private static X509Certificate leafOrNull(byte[] der) {
    try {
      return Pem.fromDer(der);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<X509Certificate> parsedOrEmpty(List<byte[]> chain) {
    try {
      return chain.stream().map(Pem::fromDer).toList();
    } catch (IllegalArgumentException e) {
      // A chain that does not parse is malformed at any time.
      return List.of();
    }
  }

  private static String chainSha256(List<byte[]> chain) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    chain.forEach(all::writeBytes);
    return CertificateFacts.sha256Hex(all.toByteArray());
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private void count(Outcome outcome) {
    outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    registry
        .counter("inspector.connection.events", "outcome", outcome.name().toLowerCase(Locale.ROOT))
        .increment();
  }
}
