package io.mtlsedge.common.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A distribution: the host names it serves, its viewer mTLS mode, its origins and behaviors.
 *
 * @param id unique name of the distribution
 * @param version the config version, set by the config service
 * @param enabled whether the edge serves it
 * @param aliases SNI host names that select it
 * @param viewerCertificate the server certificate the edge presents
 * @param viewerMtls viewer mTLS settings
 * @param forwardedHeaders forwarded-certificate headers
 * @param origins the origins
 * @param defaultBehavior behavior for requests no other behavior matches
 * @param behaviors cache behaviors, matched in order
 * @param originValidation how the origin validates forwarded chains
 */
public record Distribution(
    String id,
    Long version,
    Boolean enabled,
    List<String> aliases,
    ViewerCertificate viewerCertificate,
    ViewerMtls viewerMtls,
    ForwardedHeaders forwardedHeaders,
    List<Origin> origins,
    CacheBehavior defaultBehavior,
    List<CacheBehavior> behaviors,
    OriginValidation originValidation) {

  public Distribution {
    enabled = enabled == null || enabled;
    aliases =
        aliases == null
            ? List.of()
            : aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    viewerMtls = viewerMtls == null ? ViewerMtls.off() : viewerMtls;
    forwardedHeaders =
        forwardedHeaders == null ? new ForwardedHeaders(null, null) : forwardedHeaders;
    origins = origins == null ? List.of() : List.copyOf(origins);
    behaviors = behaviors == null ? List.of() : List.copyOf(behaviors);
  }

  /** This distribution with another version. */
  public Distribution withVersion(long newVersion) {
    return new Distribution(
        id,
        newVersion,
        enabled,
        aliases,
        viewerCertificate,
        viewerMtls,
        forwardedHeaders,
        origins,
        defaultBehavior,
        behaviors,
        originValidation);
  }

  /** The origin with the given id. */
  public Optional<Origin> origin(String originId) {
    return origins.stream().filter(o -> o.id().equals(originId)).findFirst();
  }

  /** The profiles of forwarded-certificate headers in force. */
  public List<HeaderProfile> headerProfiles() {
    return forwardedHeaders.effectiveProfiles(viewerMtls.mode());
  }
}
