package io.mtlsedge.inspector.inventory;

import java.util.Map;

/**
 * Counts over the inventory.
 *
 * @param certificates distinct client certificates
 * @param connections connections that presented one
 * @param byVerdict certificates per verdict, by wire name
 * @param byDistribution the same counts per distribution
 */
public record InventoryStats(
    long certificates,
    long connections,
    Map<String, Long> byVerdict,
    Map<String, DistributionStats> byDistribution) {

  /**
   * Counts for one distribution.
   *
   * @param certificates distinct client certificates presented to it
   * @param connections connections to it that presented one
   * @param byVerdict its certificates per verdict
   */
  public record DistributionStats(
      long certificates, long connections, Map<String, Long> byVerdict) {}
}
