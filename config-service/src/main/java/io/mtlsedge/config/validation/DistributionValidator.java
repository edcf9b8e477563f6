package io.mtlsedge.config.validation;

import io.mtlsedge.common.config.CacheBehavior;
import io.mtlsedge.common.config.CacheSettings;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ForwardedHeaders;
import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.config.Origin;
import io.mtlsedge.common.config.OriginValidation;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.ViewerCertificate;
import io.mtlsedge.common.config.ViewerMtls;
import io.mtlsedge.common.problem.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a distribution on its own and against the resources it refers to. Uniqueness of aliases
 * across distributions is a conflict, not a validation error, and is checked by the caller.
 */
public final class DistributionValidator {

  /** The most certificates a distribution may let a viewer present, leaf included. */
  public static final int MAX_CHAIN_DEPTH = 10;

  /** The most DER bytes of certificates a distribution may let a viewer present, 64 KiB. */
  public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

  private static final Set<String> QUERY_STRINGS = Set.of("none", "all");

  private final ResourceLookup lookup;

  public DistributionValidator(ResourceLookup lookup) {
    this.lookup = lookup;
  }

  /** Everything wrong with {@code distribution}; empty when it is valid. */
  public List<FieldError> validate(Distribution distribution) {
    FieldErrors errors = new FieldErrors();
    checkId(distribution.id(), errors);
    checkAliases(distribution.aliases(), errors);
    checkViewerCertificate(distribution.viewerCertificate(), errors);
    checkViewerMtls(distribution.viewerMtls(), errors);
    checkForwardedHeaders(distribution.forwardedHeaders(), errors);
    Set<String> originIds = checkOrigins(distribution.origins(), errors);
    checkBehaviors(distribution, originIds, errors);
    checkReferences(distribution, errors);
    return errors.list();
  }

  /**
   * What is wrong with the references of {@code distribution} to other resources: the part of
   * {@link #validate} that depends on the other resources, to repeat under the store's write lock.
   */
  public List<FieldError> validateReferences(Distribution distribution) {
    FieldErrors errors = new FieldErrors();
    checkReferences(distribution, errors);
    return errors.list();
  }

  private static void checkId(String id, FieldErrors errors) {
    if (errors.check(id != null && !id.isEmpty(), "id", "is required")) {
      errors.check(Names.isId(id), "id", "must match " + Names.ID.pattern());
    }
  }

  private static void checkAliases(List<String> aliases, FieldErrors errors) {
    errors.check(!aliases.isEmpty(), "aliases", "needs at least one host name");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < aliases.size(); i++) {
      String alias = aliases.get(i);
      String field = "aliases[" + i + "]";
      if (errors.check(Names.isHostName(alias), field, "'" + alias + "' is not a DNS host name")) {
        errors.check(seen.add(alias), field, "'" + alias + "' is listed twice");
      }
    }
  }

  private static void checkViewerCertificate(ViewerCertificate certificate, FieldErrors errors) {
    if (!errors.check(certificate != null, "viewerCertificate", "is required")) {
      return;
    }
    String secret = certificate.secretName();
    if (errors.check(secret != null, "viewerCertificate.secretName", "is required")) {
      errors.check(
          Names.isId(secret), "viewerCertificate.secretName", "must match " + Names.ID.pattern());
    }
  }

  private static void checkViewerMtls(ViewerMtls mtls, FieldErrors errors) {
    String trustStoreId = mtls.trustStoreId();
    if (mtls.mode().validatesAtEdge()) {
      errors.check(
          trustStoreId != null,
          "viewerMtls.trustStoreId",
          "is required in " + mtls.mode().wireName() + " mode");
    }
    if (mtls.advertiseTrustStoreCaNames()) {
      errors.check(
          trustStoreId != null,
          "viewerMtls.trustStoreId",
          "is required to advertise the trust store's CA names");
    }
    errors.check(
        mtls.maxChainDepth() >= 1 && mtls.maxChainDepth() <= MAX_CHAIN_DEPTH,
        "viewerMtls.maxChainDepth",
        "must be between 1 and " + MAX_CHAIN_DEPTH);
    errors.check(
        mtls.maxCertificateBytes() >= 1 && mtls.maxCertificateBytes() <= MAX_CERTIFICATE_BYTES,
        "viewerMtls.maxCertificateBytes",
        "must be between 1 and " + MAX_CERTIFICATE_BYTES);
  }

  private static void checkForwardedHeaders(ForwardedHeaders headers, FieldErrors errors) {
    List<HeaderProfile> profiles = headers.profiles();
    if (profiles != null) {
      Set<HeaderProfile> seen = new HashSet<>();
      for (int i = 0; i < profiles.size(); i++) {
        errors.check(
            seen.add(profiles.get(i)),
            "forwardedHeaders.profiles[" + i + "]",
            "'" + profiles.get(i).wireName() + "' is listed twice");
      }
    }
    for (Map.Entry<String, String> rename : headers.rename().entrySet()) {
      String field = "forwardedHeaders.rename." + rename.getKey();
      errors.check(Names.isHeaderName(rename.getKey()), field, "the key is not a header name");
      errors.check(Names.isHeaderName(rename.getValue()), field, "the value is not a header name");
    }
  }

  private static Set<String> checkOrigins(List<Origin> origins, FieldErrors errors) {
    errors.check(!origins.isEmpty(), "origins", "needs at least one origin");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < origins.size(); i++) {
      String field = "origins[" + i + "]";
      Origin origin = origins.get(i);
      if (errors.check(origin.id() != null, field + ".id", "is required")) {
        errors.check(Names.isId(origin.id()), field + ".id", "must match " + Names.ID.pattern());
        errors.check(ids.add(origin.id()), field + ".id", "'" + origin.id() + "' is used twice");
      }
      checkOriginUrl(origin.url(), field + ".url", errors);
      if (origin.tls() != null) {
        String secret = origin.tls().clientCertificateSecret();
        errors.check(
            secret == null || Names.isId(secret),
            field + ".tls.clientCertificateSecret",
            "must match " + Names.ID.pattern());
      }
    }
    return ids;
  }

  private static void checkOriginUrl(String url, String field, FieldErrors errors) {
    if (!errors.check(url != null, field, "is required")) {
      return;
    }
    String problem = originUrlProblem(url);
    errors.check(problem == null, field, problem);
  }

  private static String originUrlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a URL: " + e.getReason();
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      return "must be an absolute http or https URL";
    }
    if (uri.getHost() == null) {
      return "must name a host";
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "must hold only scheme, host and port";
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
      return "must have no path beyond /";
    }
    return null;
  }

  private static void checkBehaviors(
      Distribution distribution, Set<String> originIds, FieldErrors errors) {
    CacheBehavior defaultBehavior = distribution.defaultBehavior();
    if (errors.check(defaultBehavior != null, "defaultBehavior", "is required")) {
      checkBehavior(defaultBehavior, "defaultBehavior", originIds, errors);
    }
    List<CacheBehavior> behaviors = distribution.behaviors();
    for (int i = 0; i < behaviors.size(); i++) {
      String field = "behaviors[" + i + "]";
      String pattern = behaviors.get(i).pathPattern();
      errors.check(
          pattern != null && pattern.startsWith("/"),
          field + ".pathPattern",
          "is required and must start with /");
      checkBehavior(behaviors.get(i), field, originIds, errors);
    }
  }

  private static void checkBehavior(
      CacheBehavior behavior, String field, Set<String> originIds, FieldErrors errors) {
    String originId = behavior.originId();
    if (errors.check(originId != null, field + ".originId", "is required")) {
      errors.check(
          originIds.contains(originId),
          field + ".originId",
          "names no origin of this distribution: '" + originId + "'");
    }
    List<String> methods = behavior.allowedMethods();
    errors.check(!methods.isEmpty(), field + ".allowedMethods", "needs at least one method");
    for (int i = 0; i < methods.size(); i++) {
      errors.check(
          CacheBehavior.ALL_METHODS.contains(methods.get(i)),
          field + ".allowedMethods[" + i + "]",
          "must be one of " + String.join(", ", CacheBehavior.ALL_METHODS));
    }
    if (behavior.cache() != null) {
      checkCache(behavior.cache(), field + ".cache", errors);
    }
  }

  private static void checkCache(CacheSettings cache, String field, FieldErrors errors) {
    errors.check(cache.minTtl() >= 0, field + ".minTtl", "must not be negative");
    errors.check(
        cache.defaultTtl() >= cache.minTtl(), field + ".defaultTtl", "must not be below minTtl");
    errors.check(
        cache.maxTtl() == 0 || cache.maxTtl() >= cache.defaultTtl(),
        field + ".maxTtl",
        "must not be below defaultTtl");
    errors.check(
        QUERY_STRINGS.contains(cache.key().queryStrings()),
        field + ".key.queryStrings",
        "must be none or all");
    List<String> headers = cache.key().headers();
    for (int i = 0; i < headers.size(); i++) {
      errors.check(
          Names.isHeaderName(headers.get(i)),
          field + ".key.headers[" + i + "]",
          "is not a header name");
    }
  }

  private void checkReferences(Distribution distribution, FieldErrors errors) {
    ViewerMtls mtls = distribution.viewerMtls();
    checkTrustStore(mtls.trustStoreId(), "viewerMtls.trustStoreId", errors);
    String functionId = mtls.connectionFunctionId();
    if (functionId != null) {
      errors.check(
          lookup.exists(ResourceKind.CONNECTION_FUNCTION, functionId),
          "viewerMtls.connectionFunctionId",
          "names no connection function: '" + functionId + "'");
    }
    List<Origin> origins = distribution.origins();
    for (int i = 0; i < origins.size(); i++) {
      Origin origin = origins.get(i);
      if (origin.tls() != null) {
        checkTrustStore(origin.tls().trustStoreId(), "origins[" + i + "].tls.trustStoreId", errors);
      }
    }
    OriginValidation validation = distribution.originValidation();
    if (validation != null) {
      checkTrustStore(validation.trustStoreId(), "originValidation.trustStoreId", errors);
    }
  }

  private void checkTrustStore(String trustStoreId, String field, FieldErrors errors) {
    if (trustStoreId != null) {
      errors.check(
          lookup.exists(ResourceKind.TRUST_STORE, trustStoreId),
          field,
          "names no trust store: '" + trustStoreId + "'");
    }
  }
}
