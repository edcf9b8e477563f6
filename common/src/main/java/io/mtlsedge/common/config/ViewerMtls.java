package io.mtlsedge.common.config;

/**
 * The viewer mTLS settings of a distribution.
 *
 * @param mode the mode; {@code off} when absent
 * @param trustStoreId trust store used at the edge in required and optional mode
 * @param ignoreCertificateExpiry accept expired and not-yet-valid certificates at the edge
 * @param advertiseTrustStoreCaNames send the trust store's CA names in the CertificateRequest
 * @param maxChainDepth most certificates a viewer may present, leaf included; 4 when absent
 * @param maxCertificateBytes most DER bytes a viewer may present; 16 KiB when absent
 * @param connectionFunctionId connection function run after the handshake, or null
 */
public record ViewerMtls(
    MtlsMode mode,
    String trustStoreId,
    Boolean ignoreCertificateExpiry,
    Boolean advertiseTrustStoreCaNames,
    Integer maxChainDepth,
    Integer maxCertificateBytes,
    String connectionFunctionId) {

  /** CloudFront's limit on the certificates a viewer may present. */
  public static final int DEFAULT_MAX_CHAIN_DEPTH = 4;

  /** CloudFront's limit on the certificate data a viewer may present. */
  public static final int DEFAULT_MAX_CERTIFICATE_BYTES = 16 * 1024;

  public ViewerMtls {
    mode = mode == null ? MtlsMode.OFF : mode;
    ignoreCertificateExpiry = Boolean.TRUE.equals(ignoreCertificateExpiry);
    advertiseTrustStoreCaNames = Boolean.TRUE.equals(advertiseTrustStoreCaNames);
    maxChainDepth = maxChainDepth == null ? DEFAULT_MAX_CHAIN_DEPTH : maxChainDepth;
    maxCertificateBytes =
        maxCertificateBytes == null ? DEFAULT_MAX_CERTIFICATE_BYTES : maxCertificateBytes;
  }

  /** Settings for a distribution that does not ask for client certificates. */
  public static ViewerMtls off() {
    return new ViewerMtls(MtlsMode.OFF, null, false, false, null, null, null);
  }
}
