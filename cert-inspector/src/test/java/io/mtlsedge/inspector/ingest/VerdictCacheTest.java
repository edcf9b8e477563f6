package io.mtlsedge.inspector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.inspector.validation.ChainValidator.Limits;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {

  private final Instant now = Instant.now();
  private final VerdictCache cache = new VerdictCache(Duration.ofDays(30), 2);
  private final Limits limits = new Limits(4, 16 * 1024);
  private final VerdictCache.Key key = new VerdictCache.Key("abc", "content-1", limits);
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
  void anotherTrustStoreContentOrOtherLimitsMiss() {
    cache.put(key, now, List.of(), valid);

    assertThat(cache.get(new VerdictCache.Key("abc", "content-2", limits), now)).isEmpty();
    assertThat(cache.get(new VerdictCache.Key("abc", "content-1", new Limits(1, 1024)), now))
        .isEmpty();
    assertThat(cache.get(key, now.plus(Duration.ofDays(3650)))).contains(valid);
  }

  @Test
  void leastRecentlyUsedEntryLeavesFirst() {
    cache.put(key, now, List.of(), valid);
    cache.put(new VerdictCache.Key("def", "content-1", limits), now, List.of(), valid);
    cache.get(key, now);
    cache.put(new VerdictCache.Key("ghi", "content-1", limits), now, List.of(), valid);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(key, now)).contains(valid);
    assertThat(cache.get(new VerdictCache.Key("def", "content-1", limits), now)).isEmpty();
  }
}
