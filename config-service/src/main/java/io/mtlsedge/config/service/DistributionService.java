package io.mtlsedge.config.service;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.event.EdgeStatus;
import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.config.config.ServiceConfig;
import io.mtlsedge.config.problem.ProblemException;
import io.mtlsedge.config.store.ConfigStore;
import io.mtlsedge.config.store.EdgeStatusBoard;
import io.mtlsedge.config.validation.DistributionValidator;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes distributions. Every write is validated, checked against the current version and
 * the other distributions, and published under the store's write lock. Versions of an id only grow,
 * also when a distribution is deleted and created again; they are not consecutive.
 */
@ApplicationScoped
public class DistributionService {

  private final ConfigStore store;
  private final EdgeStatusBoard edges;
  private final ServiceConfig config;
  private final DistributionValidator validator;

  DistributionService(ConfigStore store, EdgeStatusBoard edges, ServiceConfig config) {
    this.store = store;
    this.edges = edges;
    this.config = config;
    this.validator = new DistributionValidator(store::exists);
  }

  /** Every distribution, by id. */
  public List<Distribution> list() {
    return store.distributions();
  }

  /** The distribution {@code id}, or a 404 problem. */
  public Distribution get(String id) {
    return store
        .distribution(id)
        .orElseThrow(() -> ProblemException.notFound("distribution '" + id + "'"));
  }

  /**
   * Creates a distribution. Its version is higher than any version the id had before, see {@link
   * ConfigStore#nextVersion}.
   */
  public Distribution create(Distribution body) {
    Distribution candidate = requireBody(body);
    validate(candidate);
    return store.exclusively(
        () -> {
          if (store.distribution(candidate.id()).isPresent()) {
            throw ProblemException.conflict(
                "distribution '" + candidate.id() + "' already exists",
                List.of(new FieldError("id", "is taken")));
          }
          return write(candidate);
        });
  }

  /** Replaces the distribution {@code id} if {@code ifMatch} names its current version. */
  public Distribution replace(String id, Distribution body, String ifMatch) {
    Distribution candidate = withPathId(id, requireBody(body));
    ETags.requirePresent(ifMatch);
    validate(candidate);
    return store.exclusively(
        () -> {
          Distribution current = get(id);
          ETags.check(ifMatch, current.version());
          return write(candidate);
        });
  }

  /** Deletes the distribution {@code id} with a tombstone if {@code ifMatch} is current. */
  public void delete(String id, String ifMatch) {
    ETags.requirePresent(ifMatch);
    store.exclusively(
        () -> {
          Distribution current = get(id);
          ETags.check(ifMatch, current.version());
          long offset = store.publish(ResourceKind.DISTRIBUTION, id, null);
          Log.infof(
              "deleted distribution %s (was version %d) at offset %d",
              id, current.version(), offset);
          return null;
        });
  }

  /** Whether the live edges have applied the current version; no live edge means InProgress. */
  public DeploymentStatus status(String id) {
    Distribution distribution = get(id);
    Instant liveSince = Instant.now().minus(config.config().edgeLiveness());
    List<DeploymentStatus.Edge> live =
        edges.reportsSince(liveSince).stream().map(report -> edge(report, id)).toList();
    boolean deployed =
        !live.isEmpty()
            && live.stream()
                .allMatch(
                    e ->
                        e.appliedVersion() != null && e.appliedVersion() >= distribution.version());
    return new DeploymentStatus(
        id,
        distribution.version(),
        deployed ? DeploymentStatus.DEPLOYED : DeploymentStatus.IN_PROGRESS,
        live);
  }

  private static DeploymentStatus.Edge edge(EdgeStatus report, String id) {
    return new DeploymentStatus.Edge(
        report.nodeId(), report.distributionVersions().get(id), report.time());
  }

  /** Checks what may have changed since {@link #validate}, then publishes the next version. */
  private Distribution write(Distribution candidate) {
    List<FieldError> errors = validator.validateReferences(candidate);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    checkAliasesFree(candidate);
    long version = store.nextVersion(ResourceKind.DISTRIBUTION, candidate.id());
    return publish(candidate.withVersion(version));
  }

  private Distribution publish(Distribution distribution) {
    long offset = store.publish(ResourceKind.DISTRIBUTION, distribution.id(), distribution);
    Log.infof(
        "applied distribution %s version %d at offset %d",
        distribution.id(), distribution.version(), offset);
    return distribution;
  }

  private void validate(Distribution candidate) {
    List<FieldError> errors = validator.validate(candidate);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private void checkAliasesFree(Distribution candidate) {
    Map<String, String> owners = new HashMap<>();
    for (Distribution other : store.distributions()) {
      if (!other.id().equals(candidate.id())) {
        other.aliases().forEach(alias -> owners.put(alias, other.id()));
      }
    }
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < candidate.aliases().size(); i++) {
      String alias = candidate.aliases().get(i);
      String owner = owners.get(alias);
      if (owner != null) {
        String message = "'" + alias + "' is used by distribution '" + owner + "'";
        taken.add(new FieldError("aliases[" + i + "]", message));
      }
    }
    if (!taken.isEmpty()) {
      String detail = taken.stream().map(FieldError::message).collect(Collectors.joining("; "));
      throw ProblemException.conflict(detail, taken);
    }
  }

  private static Distribution requireBody(Distribution body) {
    if (body == null) {
      throw ProblemException.invalid("", "a JSON distribution is required");
    }
    return body;
  }

  private static Distribution withPathId(String id, Distribution body) {
    if (body.id() != null && !body.id().equals(id)) {
      throw ProblemException.invalid("id", "must be '" + id + "', the id in the path, or absent");
    }
    return new Distribution(
        id,
        body.version(),
        body.enabled(),
        body.aliases(),
        body.viewerCertificate(),
        body.viewerMtls(),
        body.forwardedHeaders(),
        body.origins(),
        body.defaultBehavior(),
        body.behaviors(),
        body.originValidation());
  }
}
