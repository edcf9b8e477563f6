package io.mtlsedge.edge.catalog;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.config.Origin;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;

/**
 * A distribution as the edge serves it: the resource plus what the edge derived from it once, at
 * apply time, so that handshakes and requests do no parsing.
 *
 * @param distribution the resource
 * @param keyManagerFactory the server certificate, read from its secret
 * @param profiles the forwarded-certificate header profiles in force
 * @param rename header renames
 * @param renamedLower renamed header names in lowercase, removed from viewer requests
 * @param origins the origins by id, their URLs parsed
 */
public record EdgeDistribution(
    Distribution distribution,
    KeyManagerFactory keyManagerFactory,
    List<HeaderProfile> profiles,
    Map<String, String> rename,
    Set<String> renamedLower,
    Map<String, OriginTarget> origins) {

  static EdgeDistribution of(Distribution distribution, KeyManagerFactory keyManagerFactory) {
    Map<String, String> rename = distribution.forwardedHeaders().rename();
    return new EdgeDistribution(
        distribution,
        keyManagerFactory,
        distribution.headerProfiles(),
        rename,
        rename.values().stream()
            .map(n -> n.toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.toUnmodifiableSet()),
        distribution.origins().stream()
            .collect(Collectors.toUnmodifiableMap(Origin::id, OriginTarget::of, (a, b) -> a)));
  }

  public String id() {
    return distribution.id();
  }

  public MtlsMode mode() {
    return distribution.viewerMtls().mode();
  }

  public long version() {
    return distribution.version() == null ? 0 : distribution.version();
  }
}
