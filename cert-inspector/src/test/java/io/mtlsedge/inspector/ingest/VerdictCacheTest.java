package io.mtlsedge.inspector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {

  private final Instant now = Instant.now();
  private final VerdictCache cache = new VerdictCache(Duration.ofDays(30), 2);
  private final VerdictCache.Key key = new VerdictCache.Key("abc", "partners", 1);
  private final Verdict valid = Verdict.of(VerdictCode.VALID, "fine");

  @Test
  void verdictIsReusedUntilTheLeafCrossesAValidityBoundary() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=cached")
            .validBetween(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(100)))
            .issue();

    cache.put(key, now, List.of(leaf.certificate()), valid);

    assertThat(cache.get(key, now.plus(Duration.ofDays(60)))).contains(valid);
    assertThat(cache.get(key, now.plus(Duration.ofDays(75)))).isEmpty();
    assertThat(cache.get(key, now.minus(Duration.ofDays(11)))).isEmpty();
  }

  @Test
  void anotherTrustStoreVersionMisses() {
    cache.put(key, now, List.of(), valid);

    assertThat(cache.get(new VerdictCache.Key("abc", "partners", 2), now)).isEmpty();
    assertThat(cache.get(key, now.plus(Duration.ofDays(3650)))).contains(valid);
  }

  @Test
  void leastRecentlyUsedEntryLeavesFirst() {
    cache.put(key, now, List.of(), valid);
    cache.put(new VerdictCache.Key("def", "partners", 1), now, List.of(), valid);
    cache.get(key, now);
    cache.put(new VerdictCache.Key("ghi", "partners", 1), now, List.of(), valid);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(key, now)).contains(valid);
    assertThat(cache.get(new VerdictCache.Key("def", "partners", 1), now)).isEmpty();
  }
}
