package io.mtlsedge.inspector.rest;

import java.util.List;

/**
 * The body of {@code POST /api/v1/validate}.
 *
 * @param chain the chain, PEM, leaf first
 * @param trustStore the CA certificates to validate against, PEM
 * @param crls CRLs to check revocation with, each PEM; optional
 * @param at the time of validation, ISO 8601; now when absent
 * @param purpose {@code client}, {@code server} or {@code any}; {@code client} when absent
 */
public record ValidateRequest(
    String chain, String trustStore, List<String> crls, String at, String purpose) {}
