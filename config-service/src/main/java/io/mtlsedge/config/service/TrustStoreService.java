package io.mtlsedge.config.service;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.Origin;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.config.problem.ProblemException;
import io.mtlsedge.config.store.ConfigStore;
import io.mtlsedge.config.validation.TrustStoreValidator;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads and writes trust stores. A trust store that a distribution refers to cannot be deleted.
 * Versions of an id only grow, also across delete and create; they are not consecutive.
 */
@ApplicationScoped
public class TrustStoreService {

  private final ConfigStore store;
  private final TrustStoreValidator validator = new TrustStoreValidator();

  TrustStoreService(ConfigStore store) {
    this.store = store;
  }

  /** Every trust store, by id. */
  public List<TrustStore> list() {
    return store.trustStores();
  }

  /** The trust store {@code id}, or a 404 problem. */
  public TrustStore get(String id) {
    return store
        .trustStore(id)
        .orElseThrow(() -> ProblemException.notFound("trust store '" + id + "'"));
  }

  /** Creates a trust store, at a version higher than any the id had before. */
  public TrustStore create(TrustStore body) {
    TrustStore candidate = requireBody(body);
    validate(candidate);
    return store.exclusively(
        () -> {
          if (store.trustStore(candidate.id()).isPresent()) {
            throw ProblemException.conflict(
                "trust store '" + candidate.id() + "' already exists",
                List.of(new FieldError("id", "is taken")));
          }
          return publish(candidate);
        });
  }

  /** Replaces the trust store {@code id} if {@code ifMatch} names its current version. */
  public TrustStore replace(String id, TrustStore body, String ifMatch) {
    TrustStore candidate = withPathId(id, requireBody(body));
    ETags.requirePresent(ifMatch);
    // Parsing the PEM can take a while: it is done before the write lock is taken.
    validate(candidate);
    return store.exclusively(
        () -> {
          TrustStore current = get(id);
          ETags.check(ifMatch, current.version());
          return publish(candidate);
        });
  }

  /** Deletes the trust store {@code id} if no distribution refers to it. */
  public void delete(String id, String ifMatch) {
    ETags.requirePresent(ifMatch);
    store.exclusively(
        () -> {
          TrustStore current = get(id);
          ETags.check(ifMatch, current.version());
          checkUnreferenced(id);
          long offset = store.publish(ResourceKind.TRUST_STORE, id, null);
          Log.infof(
              "deleted trust store %s (was version %d) at offset %d",
              id, current.version(), offset);
          return null;
        });
  }

  private void checkUnreferenced(String id) {
    List<String> users =
        store.distributions().stream()
            .filter(d -> trustStoresOf(d).anyMatch(id::equals))
            .map(Distribution::id)
            .toList();
    if (!users.isEmpty()) {
      throw ProblemException.conflict(
          "trust store '" + id + "' is used by distributions " + String.join(", ", users),
          List.of());
    }
  }

  private static Stream<String> trustStoresOf(Distribution distribution) {
    Stream<String> origins =
        distribution.origins().stream()
            .map(Origin::tls)
            .filter(Objects::nonNull)
            .map(tls -> tls.trustStoreId());
    Stream<String> others =
        Stream.of(
            distribution.viewerMtls().trustStoreId(),
            distribution.originValidation() == null
                ? null
                : distribution.originValidation().trustStoreId());
    return Stream.concat(origins, others).filter(Objects::nonNull);
  }

  private TrustStore publish(TrustStore candidate) {
    long version = store.nextVersion(ResourceKind.TRUST_STORE, candidate.id());
    TrustStore trustStore = candidate.withVersion(version);
    long offset = store.publish(ResourceKind.TRUST_STORE, trustStore.id(), trustStore);
    Log.infof(
        "applied trust store %s version %d at offset %d",
        trustStore.id(), trustStore.version(), offset);
    return trustStore;
  }

  private void validate(TrustStore candidate) {
    List<FieldError> errors = validator.validate(candidate);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private static TrustStore requireBody(TrustStore body) {
    if (body == null) {
      throw ProblemException.invalid("", "a JSON trust store is required");
    }
    return body;
  }

  private static TrustStore withPathId(String id, TrustStore body) {
    if (body.id() != null && !body.id().equals(id)) {
      throw ProblemException.invalid("id", "must be '" + id + "', the id in the path, or absent");
    }
    return new TrustStore(id, body.version(), body.pem(), body.crls());
  }
}
