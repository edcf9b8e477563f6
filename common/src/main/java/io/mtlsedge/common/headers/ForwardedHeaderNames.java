package io.mtlsedge.common.headers;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** The default names of every forwarded-certificate header, and which incoming ones to remove. */
public final class ForwardedHeaderNames {

  public static final String CLIENT_CERT = "Client-Cert";
  public static final String CLIENT_CERT_CHAIN = "Client-Cert-Chain";

  public static final String CF_PREFIX = "CloudFront-Viewer-Cert-";
  public static final String CF_PRESENT = CF_PREFIX + "Present";
  public static final String CF_SERIAL = CF_PREFIX + "Serial-Number";
  public static final String CF_ISSUER = CF_PREFIX + "Issuer";
  public static final String CF_SUBJECT = CF_PREFIX + "Subject";
  public static final String CF_SHA256 = CF_PREFIX + "Sha256";
  public static final String CF_VALIDITY = CF_PREFIX + "Validity";
  public static final String CF_PEM = CF_PREFIX + "Pem";

  public static final String ALB_CLIENT_CERT = "X-Amzn-Mtls-Clientcert";

  public static final String XFCC = "X-Forwarded-Client-Cert";

  private static final Set<String> EXACT =
      Set.of(
          CLIENT_CERT.toLowerCase(Locale.ROOT),
          CLIENT_CERT_CHAIN.toLowerCase(Locale.ROOT),
          XFCC.toLowerCase(Locale.ROOT));

  private static final String CF_PREFIX_LOWER = CF_PREFIX.toLowerCase(Locale.ROOT);
  private static final String ALB_PREFIX_LOWER = ALB_CLIENT_CERT.toLowerCase(Locale.ROOT);

  private ForwardedHeaderNames() {}

  /**
   * Whether a header a viewer sent must be removed before the request goes to the origin: any
   * default forwarded-certificate name, any CloudFront or ALB certificate header, or any name in
   * {@code renamed} (lowercase). Underscores count as hyphens, since CGI-style origins read {@code
   * Client_Cert} and {@code Client-Cert} as the same variable.
   */
  public static boolean isReserved(String headerName, Collection<String> renamed) {
    String lower = headerName.toLowerCase(Locale.ROOT).replace('_', '-');
    return EXACT.contains(lower)
        || lower.startsWith(CF_PREFIX_LOWER)
        || lower.startsWith(ALB_PREFIX_LOWER)
        || renamed.contains(lower);
  }
}
