package io.mtlsedge.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.headers.DecodedChain;
import io.mtlsedge.common.headers.ForwardedHeaderDecoder;
import io.mtlsedge.common.pki.CertificateFacts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An origin that does what origins behind a passthrough edge do: it reads the forwarded chain with
 * the shared decoder and validates it itself, against its own trust store, with the JDK's PKIX
 * validator. {@code GET /whoami} answers what it concluded.
 */
public final class DemoOrigin implements AutoCloseable {

  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final HttpServer server;
  private final Set<TrustAnchor> anchors;

  private DemoOrigin(HttpServer server, List<X509Certificate> trustStore) {
    this.server = server;
    this.anchors =
        trustStore.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
  }

  /** Starts the origin on {@code host:port} (port 0 picks one). */
  public static DemoOrigin start(String host, int port, List<X509Certificate> trustStore)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    DemoOrigin origin = new DemoOrigin(server, trustStore);
    server.createContext("/whoami", origin::whoami);
    server.createContext("/", origin::hello);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, "origin");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return origin;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void whoami(HttpExchange exchange) throws IOException {
    ObjectNode answer = Json.mapper().createObjectNode();
    int status = 200;
    try {
      Optional<DecodedChain> decoded =
          ForwardedHeaderDecoder.decode(exchange.getRequestHeaders()::getFirst);
      if (decoded.isEmpty()) {
        answer.put("verified", false);
        answer.put("chainLength", 0);
        answer.put("reason", "no client certificate was forwarded");
      } else {
        describe(decoded.get(), answer);
      }
    } catch (IllegalArgumentException e) {
      status = 400;
      answer.put("verified", false);
      answer.put("reason", "malformed certificate header: " + e.getMessage());
    }
    String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    if (forwardedFor != null) {
      answer.put("viewer", forwardedFor);
    }
    reply(
        exchange, status, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(answer));
  }

  private void describe(DecodedChain decoded, ObjectNode answer) {
    X509Certificate leaf = decoded.leaf();
    String reason = validate(decoded.chain());
    answer.put("verified", reason == null);
    answer.put("subject", CertificateFacts.subject(leaf));
    answer.put("issuer", CertificateFacts.issuer(leaf));
    answer.put("sha256", CertificateFacts.sha256Hex(leaf));
    answer.put("chainLength", decoded.chain().size());
    answer.put("headerProfile", decoded.profile().wireName());
    if (reason != null) {
      answer.put("reason", reason);
    }
  }

  /** Null when the chain is valid for client authentication, else why not. */
  private String validate(List<X509Certificate> chain) {
    try {
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(path, parameters);
      List<String> usages = chain.get(0).getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH)) {
        return "the leaf is not for client authentication";
      }
      return null;
    } catch (CertPathValidatorException e) {
      return "the chain does not validate against the origin's trust store: " + e.getMessage();
    } catch (GeneralSecurityException e) {
      return "the chain cannot be checked: " + e.getMessage();
    }
  }

  private void hello(HttpExchange exchange) throws IOException {
    reply(exchange, 200, "{\"origin\":\"mtls-edge demo\",\"try\":\"/whoami\"}\n".getBytes());
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
