package io.mtlsedge.inspector.inventory;

import io.mtlsedge.inspector.validation.Verdict;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * One connection that presented a certificate, as the inventory takes it in.
 *
 * @param sha256 lowercase hex SHA-256 of the leaf's DER
 * @param leaf the parsed leaf, or null when it does not parse
 * @param distributionId the distribution of the connection, or null when none matched
 * @param time when the connection was made
 * @param edgeStatus the status the edge gave the connection
 * @param verdict the inspector's verdict on the chain
 */
public record Sighting(
    String sha256,
    X509Certificate leaf,
    String distributionId,
    Instant time,
    String edgeStatus,
    Verdict verdict) {}
