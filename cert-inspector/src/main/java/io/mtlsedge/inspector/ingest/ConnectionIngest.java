package io.mtlsedge.inspector.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.inspector.config.InspectorConfig;
import io.mtlsedge.inspector.inventory.CertificateInventory;
import io.mtlsedge.inspector.inventory.Sighting;
import io.mtlsedge.inspector.validation.ChainValidator;
import io.mtlsedge.inspector.validation.Purpose;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes the connection events from {@code edge.connections}, validates each presented chain against
 * the trust store the distribution's origin uses, and updates the inventory. A record that is not a
 * connection event, or does not parse, is counted, logged and skipped.
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

  private static final Duration CONFIG_WAIT = Duration.ofSeconds(30);
  private static final int CACHE_CAPACITY = 10_000;

  private final ConfigView configView;
  private final CertificateInventory inventory;
  private final ChainValidator validator;
  private final MeterRegistry registry;
  private final VerdictCache cache;
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
    this.cache = new VerdictCache(config.inspector().expiryWarning(), CACHE_CAPACITY);
  }

  @Incoming("connections")
  @Blocking
  public void consume(ConsumerRecord<String, byte[]> record) {
    try {
      count(handle(record));
    } catch (RuntimeException e) {
      // One bad record must never stop the stream: it is logged and the next one is read.
      Log.warnf(
          "skipped record at %s-%d offset %d: %s",
          record.topic(), record.partition(), record.offset(), e.toString());
      count(Outcome.MALFORMED);
    }
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
    awaitConfig();
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
    return cachedVerdict(chain, trustStore, at);
  }

  private Verdict cachedVerdict(List<byte[]> chain, LoadedTrustStore trustStore, Instant at) {
    VerdictCache.Key key =
        new VerdictCache.Key(
            chainSha256(chain), trustStore.trustStore().id(), trustStore.version());
    return cache
        .get(key, at)
        .orElseGet(
            () -> {
              Verdict verdict =
                  validator.validateDer(chain, trustStore.bundle(), at, Purpose.CLIENT);
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

  private void awaitConfig() {
    if (configReady) {
      return;
    }
    // Validating before the config topic is read would classify every chain as untrusted.
    try {
      if (!configView.awaitCaughtUp(CONFIG_WAIT)) {
        Log.warnf("config topic not read within %s; validating with what is known", CONFIG_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    configReady = true;
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
