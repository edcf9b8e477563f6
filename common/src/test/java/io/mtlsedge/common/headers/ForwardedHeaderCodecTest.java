package io.mtlsedge.common.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class ForwardedHeaderCodecTest {

  private static final IssuedCertificate ROOT = CertificateIssuer.root("CN=Codec Root,O=tests");
  private static final IssuedCertificate INTERMEDIATE =
      CertificateIssuer.intermediate("CN=Codec Intermediate,O=tests", ROOT);
  private static final IssuedCertificate LEAF =
      CertificateIssuer.certificate("CN=client \\\"one\\\"\\, partner,O=tests")
          .issuedBy(INTERMEDIATE)
          .clientAuth()
          .dnsName("client.example")
          .uri("spiffe://example/client")
          .validBetween(
              Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2027-01-02T03:04:05Z"))
          .issue();
  private static final List<X509Certificate> CHAIN =
      List.of(LEAF.certificate(), INTERMEDIATE.certificate());

  @Test
  void rfc9440CarriesTheLeafAndTheRestOfTheChainAsByteSequences() {
    Map<String, String> headers = encode(CHAIN, HeaderProfile.RFC9440);

    assertThat(headers)
        .containsOnlyKeys("Client-Cert", "Client-Cert-Chain")
        .containsEntry("Client-Cert", ":" + Pem.base64Der(LEAF.certificate()) + ":")
        .containsEntry("Client-Cert-Chain", ":" + Pem.base64Der(INTERMEDIATE.certificate()) + ":");
  }

  @Test
  void rfc9440OmitsTheChainHeaderWhenOnlyALeafWasSent() {
    assertThat(encode(List.of(LEAF.certificate()), HeaderProfile.RFC9440))
        .containsOnlyKeys("Client-Cert");
  }

  @Test
  void noCertificateGivesPresentZeroAndNothingElse() {
    assertThat(encode(List.of(), HeaderProfile.values()))
        .containsExactly(Map.entry("CloudFront-Viewer-Cert-Present", "0"));
  }

  @Test
  void cloudFrontHeadersDescribeTheLeafAsCloudFrontDoes() {
    Map<String, String> headers = encode(CHAIN, HeaderProfile.CLOUDFRONT);

    assertThat(headers.get("CloudFront-Viewer-Cert-Present")).isEqualTo("1");
    assertThat(headers.get("CloudFront-Viewer-Cert-Serial-Number"))
        .matches("([0-9a-f]{2}:)*[0-9a-f]{2}");
    assertThat(headers.get("CloudFront-Viewer-Cert-Issuer"))
        .isEqualTo("CN=Codec Intermediate,O=tests");
    assertThat(headers.get("CloudFront-Viewer-Cert-Sha256"))
        .isEqualTo(CertificateFacts.sha256Hex(LEAF.certificate()));
    assertThat(headers.get("CloudFront-Viewer-Cert-Validity"))
        .isEqualTo("NotBefore=2026-01-02T03:04:05Z;NotAfter=2027-01-02T03:04:05Z");
    assertThat(headers.get("CloudFront-Viewer-Cert-Pem"))
        .startsWith("-----BEGIN%20CERTIFICATE-----%0A")
        .endsWith("-----END%20CERTIFICATE-----%0A");
    assertThat(PercentEncoding.decode(headers.get("CloudFront-Viewer-Cert-Pem")))
        .isEqualTo(Pem.encode(LEAF.certificate()));
  }

  @Test
  void albHeaderIsTheWholeChainWithPlusEqualsAndSlashLeftAsTheyAre() {
    String value = encode(CHAIN, HeaderProfile.ALB).get("X-Amzn-Mtls-Clientcert");

    assertThat(value).doesNotContain("%2B", "%3D", "%2F", "\n");
    assertThat(Pem.certificates(PercentEncoding.decode(value))).isEqualTo(CHAIN);
  }

  @Test
  void xfccQuotesAndEscapesTheSubjectAndListsTheSans() {
    String value = encode(CHAIN, HeaderProfile.XFCC).get("X-Forwarded-Client-Cert");

    assertThat(value)
        .startsWith("Hash=" + CertificateFacts.sha256Hex(LEAF.certificate()) + ";Cert=\"")
        .contains(";Subject=\"CN=client \\\\\\\"one\\\\\\\"\\\\, partner,O=tests\"")
        .contains(";URI=spiffe://example/client")
        .endsWith(";DNS=client.example");
  }

  @Test
  void everyProfileDecodesBackToTheSameChain() {
    for (HeaderProfile profile :
        List.of(HeaderProfile.RFC9440, HeaderProfile.ALB, HeaderProfile.XFCC)) {
      Map<String, String> headers = encode(CHAIN, profile);
      DecodedChain decoded = ForwardedHeaderDecoder.decode(lookup(headers)).orElseThrow();
      assertThat(decoded.profile()).isEqualTo(profile);
      assertThat(decoded.chain()).as(profile.wireName()).isEqualTo(CHAIN);
    }
    DecodedChain cloudFront =
        ForwardedHeaderDecoder.decode(lookup(encode(CHAIN, HeaderProfile.CLOUDFRONT)))
            .orElseThrow();
    assertThat(cloudFront.chain()).containsExactly(LEAF.certificate());
  }

  @Test
  void theDecoderPrefersRfc9440WhenSeveralProfilesArePresent() {
    Map<String, String> headers = encode(CHAIN, HeaderProfile.values());

    assertThat(ForwardedHeaderDecoder.decode(lookup(headers)).orElseThrow().profile())
        .isEqualTo(HeaderProfile.RFC9440);
  }

  @Test
  void renamedHeadersGoUnderTheirNewNames() {
    Map<String, String> headers = new TreeMap<>();
    ForwardedHeaderEncoder.encode(
            CHAIN, List.of(HeaderProfile.RFC9440), Map.of("Client-Cert", "X-Partner-Cert"))
        .forEach(h -> headers.put(h.name(), h.value()));

    assertThat(headers).containsOnlyKeys("X-Partner-Cert", "Client-Cert-Chain");
  }

  @Test
  void controlCharactersInASubjectCannotBreakIntoTheHeaderBlock() {
    IssuedCertificate hostile =
        CertificateIssuer.certificate(
                new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "evil\r\nX-Injected: 1 é")
                    .build())
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .issue();

    List<ForwardedHeader> headers =
        ForwardedHeaderEncoder.encode(
            List.of(hostile.certificate()), List.of(HeaderProfile.values()), Map.of());

    assertThat(headers)
        .allSatisfy(h -> assertThat(h.value()).matches("[\\x20-\\x7e]*"))
        .anySatisfy(h -> assertThat(h.value()).isEqualTo("CN=evil\\0D\\0AX-Injected: 1 \\C3\\A9"));
  }

  @Test
  void malformedHeadersAreRefusedNamingTheHeader() {
    assertThatThrownBy(() -> ForwardedHeaderDecoder.decode(lookup(Map.of("Client-Cert", "AAAA"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Client-Cert");
    assertThatThrownBy(
            () -> ForwardedHeaderDecoder.decode(lookup(Map.of("Client-Cert", ":not base64!:"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64");
    assertThatThrownBy(
            () -> ForwardedHeaderDecoder.decode(lookup(Map.of("X-Amzn-Mtls-Clientcert", "%zz"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ForwardedHeaderDecoder.decode(
                    lookup(Map.of("X-Forwarded-Client-Cert", "Hash=00;Subject=\"x\""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Forwarded-Client-Cert");
  }

  @Test
  void noHeadersMeansNoChain() {
    assertThat(ForwardedHeaderDecoder.decode(lookup(Map.of()))).isEmpty();
  }

  @Test
  void viewerCopiesOfEveryFamilyAreReservedWhateverTheirCase() {
    for (String name :
        List.of(
            "client-cert",
            "CLIENT-CERT-CHAIN",
            "cloudfront-viewer-cert-anything",
            "X-Amzn-Mtls-Clientcert-Leaf",
            "x-forwarded-client-cert",
            "X-Partner-Cert")) {
      assertThat(ForwardedHeaderNames.isReserved(name, List.of("x-partner-cert")))
          .as(name)
          .isTrue();
    }
    assertThat(ForwardedHeaderNames.isReserved("X-Request-Id", List.of())).isFalse();
  }

  private static Map<String, String> encode(
      List<X509Certificate> chain, HeaderProfile... profiles) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    ForwardedHeaderEncoder.encode(chain, List.of(profiles), Map.of())
        .forEach(h -> headers.put(h.name(), h.value()));
    return headers;
  }

  private static java.util.function.Function<String, String> lookup(Map<String, String> headers) {
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return name -> lower.get(name.toLowerCase(Locale.ROOT));
  }
}
