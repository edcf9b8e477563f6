package io.mtlsedge.common.config;

import java.util.List;
import java.util.Map;

/**
 * Which forwarded-certificate headers reach the origin.
 *
 * @param profiles the header profiles; when absent, the mode's defaults
 * @param rename header names to send under another name, from the profile's name to the new one
 */
public record ForwardedHeaders(List<HeaderProfile> profiles, Map<String, String> rename) {

  public ForwardedHeaders {
    profiles = profiles == null ? null : List.copyOf(profiles);
    rename = rename == null ? Map.of() : Map.copyOf(rename);
  }

  /** The profiles in force for a distribution in {@code mode}. */
  public List<HeaderProfile> effectiveProfiles(MtlsMode mode) {
    return profiles == null ? HeaderProfile.defaultsFor(mode) : profiles;
  }
}
