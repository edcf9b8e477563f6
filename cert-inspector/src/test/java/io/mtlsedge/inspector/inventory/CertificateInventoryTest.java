package io.mtlsedge.inspector.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateInventoryTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CertificateInventory inventory = new CertificateInventory(1000, registry);
  private final X509Certificate leaf =
      CertificateIssuer.client("CN=inventoried", CertificateIssuer.root("CN=Inv Root"))
          .certificate();
  private final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void lateEventCountsButDoesNotOverrideTheLatestVerdict() {
    inventory.record(sighting("aa", "shop", t0, VerdictCode.EXPIRED));
    inventory.record(sighting("aa", "api", t0.minus(Duration.ofHours(1)), VerdictCode.VALID));

    CertificateRecord entry = inventory.find("aa").orElseThrow();

    assertThat(entry.connections()).isEqualTo(2);
    assertThat(entry.verdict()).isEqualTo(VerdictCode.EXPIRED);
    assertThat(entry.firstSeen()).isEqualTo(t0.minus(Duration.ofHours(1)));
    assertThat(entry.lastSeen()).isEqualTo(t0);
    assertThat(entry.distributions()).containsExactly("api", "shop");
    assertThat(entry.subject()).isEqualTo("CN=inventoried");
  }

  @Test
  void listIsLatestFirstAndFilters() {
    inventory.record(sighting("aa", "shop", t0, VerdictCode.VALID));
    inventory.record(sighting("bb", "shop", t0.plusSeconds(5), VerdictCode.REVOKED));
    inventory.record(sighting("cc", "api", t0.plusSeconds(9), VerdictCode.VALID));

    assertThat(inventory.list(Optional.empty(), Optional.empty()))
        .extracting(CertificateRecord::sha256)
        .containsExactly("cc", "bb", "aa");
    assertThat(inventory.list(Optional.of("shop"), Optional.of(VerdictCode.VALID)))
        .extracting(CertificateRecord::sha256)
        .containsExactly("aa");
  }

  @Test
  void statsCountCertificatesByVerdictAndDistribution() {
    inventory.record(sighting("aa", "shop", t0, VerdictCode.VALID));
    inventory.record(sighting("aa", "shop", t0.plusSeconds(1), VerdictCode.VALID));
    inventory.record(sighting("bb", "shop", t0, VerdictCode.UNTRUSTED));

    InventoryStats stats = inventory.stats();

    assertThat(stats.certificates()).isEqualTo(2);
    assertThat(stats.connections()).isEqualTo(3);
    assertThat(stats.byVerdict()).containsEntry("valid", 1L).containsEntry("untrusted", 1L);
    assertThat(stats.byDistribution().get("shop").connections()).isEqualTo(3);
  }

  @Test
  void fullInventoryEvictsTheLeastRecentlySeenEntryWithoutAValidVerdictFirst() {
    CertificateInventory small = new CertificateInventory(3, registry);
    small.record(sighting("valid-old", "shop", t0, VerdictCode.VALID));
    small.record(sighting("untrusted-old", "shop", t0.plusSeconds(1), VerdictCode.UNTRUSTED));
    small.record(sighting("untrusted-new", "shop", t0.plusSeconds(2), VerdictCode.UNTRUSTED));

    small.record(sighting("untrusted-newest", "shop", t0.plusSeconds(3), VerdictCode.UNTRUSTED));

    assertThat(small.find("untrusted-old")).isEmpty();
    assertThat(small.find("valid-old")).isPresent();
    assertThat(small.size()).isEqualTo(3);
    assertThat(registry.counter("inspector.inventory.evicted").count()).isEqualTo(1);
  }

  @Test
  void aFloodOfUntrustedCertificatesNeverPushesOutValidOnes() {
    CertificateInventory small = new CertificateInventory(3, registry);
    small.record(sighting("valid-1", "shop", t0, VerdictCode.VALID));
    small.record(sighting("valid-2", "shop", t0, VerdictCode.VALID));

    for (int i = 0; i < 50; i++) {
      small.record(sighting("fresh-" + i, "shop", t0.plusSeconds(i), VerdictCode.UNTRUSTED));
    }

    assertThat(small.find("valid-1")).isPresent();
    assertThat(small.find("valid-2")).isPresent();
    assertThat(small.size()).isEqualTo(3);
    assertThat(registry.counter("inspector.inventory.evicted").count()).isEqualTo(49);
  }

  @Test
  void withOnlyValidEntriesTheLeastRecentlySeenLeaves() {
    CertificateInventory small = new CertificateInventory(2, registry);
    small.record(sighting("aa", "shop", t0, VerdictCode.VALID));
    small.record(sighting("bb", "shop", t0, VerdictCode.VALID));
    small.record(sighting("aa", "shop", t0.plusSeconds(5), VerdictCode.VALID));

    small.record(sighting("cc", "shop", t0.plusSeconds(6), VerdictCode.VALID));

    assertThat(small.find("bb")).isEmpty();
    assertThat(small.find("aa")).isPresent();
  }

  @Test
  void statsLeaveOutEvictedEntries() {
    CertificateInventory small = new CertificateInventory(2, registry);
    small.record(sighting("aa", "shop", t0, VerdictCode.VALID));
    small.record(sighting("aa", "shop", t0.plusSeconds(1), VerdictCode.VALID));
    small.record(sighting("bb", "api", t0, VerdictCode.UNTRUSTED));
    small.record(sighting("cc", "api", t0, VerdictCode.REVOKED));

    InventoryStats stats = small.stats();

    assertThat(stats.certificates()).isEqualTo(2);
    assertThat(stats.connections()).isEqualTo(3);
    assertThat(stats.byVerdict()).containsOnlyKeys("valid", "revoked");
    assertThat(stats.byDistribution().get("api").certificates()).isEqualTo(1);
    assertThat(stats.byDistribution().get("shop").connections()).isEqualTo(2);
  }

  @Test
  void listAnswersOnePageOfLimitEntriesFromOffset() {
    for (int i = 0; i < 10; i++) {
      inventory.record(sighting("e" + i, "shop", t0.plusSeconds(i), VerdictCode.VALID));
    }

    assertThat(inventory.list(Optional.empty(), Optional.empty(), 2, 3))
        .extracting(CertificateRecord::sha256)
        .containsExactly("e7", "e6", "e5");
    assertThat(inventory.list(Optional.empty(), Optional.empty(), 9, 5))
        .extracting(CertificateRecord::sha256)
        .containsExactly("e0");
    assertThat(inventory.list(Optional.empty(), Optional.empty(), 10, 5)).isEmpty();
  }

  private Sighting sighting(String sha256, String distribution, Instant time, VerdictCode code) {
    return new Sighting(sha256, leaf, distribution, time, "Success", Verdict.of(code, "because"));
  }
}
