package io.mtlsedge.inspector.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateInventoryTest {

  private final CertificateInventory inventory = new CertificateInventory();
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

  private Sighting sighting(String sha256, String distribution, Instant time, VerdictCode code) {
    return new Sighting(sha256, leaf, distribution, time, "Success", Verdict.of(code, "because"));
  }
}
