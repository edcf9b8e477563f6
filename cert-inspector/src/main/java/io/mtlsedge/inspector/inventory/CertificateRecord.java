package io.mtlsedge.inspector.inventory;

import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.inspector.validation.VerdictCode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the inventory knows about one distinct client certificate. Immutable.
 *
 * @param sha256 lowercase hex SHA-256 of the leaf's DER
 * @param subject subject DN, RFC 2253, or null when the leaf does not parse
 * @param issuer issuer DN, RFC 2253, or null
 * @param serial serial number, colon hex, or null
 * @param notBefore start of validity, or null
 * @param notAfter end of validity, or null
 * @param firstSeen time of the earliest connection
 * @param lastSeen time of the latest connection
 * @param connections connections that presented it
 * @param verdict the verdict at the latest connection
 * @param reason why
 * @param warnings warnings at the latest connection
 * @param distributions the distributions it was presented to
 * @param connectionsByDistribution connections per distribution
 * @param lastEdgeStatus the edge's status for the latest connection
 */
public record CertificateRecord(
    String sha256,
    String subject,
    String issuer,
    String serial,
    Instant notBefore,
    Instant notAfter,
    Instant firstSeen,
    Instant lastSeen,
    long connections,
    VerdictCode verdict,
    String reason,
    List<String> warnings,
    SortedSet<String> distributions,
    Map<String, Long> connectionsByDistribution,
    String lastEdgeStatus) {

  public CertificateRecord {
    warnings = List.copyOf(warnings);
    distributions = Collections.unmodifiableSortedSet(new TreeSet<>(distributions));
    connectionsByDistribution =
        Collections.unmodifiableMap(new TreeMap<>(connectionsByDistribution));
  }

  /** The entry for a certificate seen for the first time. */
  static CertificateRecord first(Sighting sighting) {
    var leaf = sighting.leaf();
    return new CertificateRecord(
            sighting.sha256(),
            leaf == null ? null : CertificateFacts.subject(leaf),
            leaf == null ? null : CertificateFacts.issuer(leaf),
            leaf == null ? null : CertificateFacts.serialColonHex(leaf),
            leaf == null ? null : CertificateFacts.notBefore(leaf),
            leaf == null ? null : CertificateFacts.notAfter(leaf),
            sighting.time(),
            sighting.time(),
            0,
            sighting.verdict().verdict(),
            sighting.verdict().reason(),
            sighting.verdict().warnings(),
            new TreeSet<>(),
            Map.of(),
            sighting.edgeStatus())
        .withConnection(sighting, true);
  }

  /** This entry with one more connection. */
  CertificateRecord plus(Sighting sighting) {
    return withConnection(sighting, !sighting.time().isBefore(lastSeen));
  }

  private CertificateRecord withConnection(Sighting sighting, boolean latest) {
    SortedSet<String> seenOn = new TreeSet<>(distributions);
    Map<String, Long> perDistribution = new TreeMap<>(connectionsByDistribution);
    if (sighting.distributionId() != null) {
      seenOn.add(sighting.distributionId());
      perDistribution.merge(sighting.distributionId(), 1L, Long::sum);
    }
    // Events may arrive out of order; the verdict and status follow the latest connection.
    var verdictNow = sighting.verdict();
    return new CertificateRecord(
        sha256,
        subject,
        issuer,
        serial,
        notBefore,
        notAfter,
        sighting.time().isBefore(firstSeen) ? sighting.time() : firstSeen,
        latest ? sighting.time() : lastSeen,
        connections + 1,
        latest ? verdictNow.verdict() : verdict,
        latest ? verdictNow.reason() : reason,
        latest ? verdictNow.warnings() : warnings,
        seenOn,
        perDistribution,
        latest ? sighting.edgeStatus() : lastEdgeStatus);
  }
}
