package io.mtlsedge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain-HTTP origin for tests that records every request it receives and answers 200. */
public final class RecordingOrigin implements AutoCloseable {

  /**
   * A request as the origin received it.
   *
   * @param method the method
   * @param path path and query
   * @param headers header values by lowercase name
   * @param body the body as text
   */
  public record Received(
      String method, String path, Map<String, List<String>> headers, String body) {

    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header, in order. */
    public List<String> headerValues(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private final HttpServer server;
  private final String name;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  private RecordingOrigin(String name) throws IOException {
    this.name = name;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    this.server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, "origin");
              thread.setDaemon(true);
              return thread;
            }));
    this.server.createContext("/", this::handle);
    this.server.start();
  }

  /** Starts an origin on a free loopback port; {@code name} is echoed in an X-Origin header. */
  public static RecordingOrigin start(String name) {
    try {
      return new RecordingOrigin(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next request received, waiting up to {@code timeout}. */
  public Received take(Duration timeout) {
    try {
      Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        throw new AssertionError("origin " + name + " received no request within " + timeout);
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
    byte[] reply =
        ("hello from " + name + (body.isEmpty() ? "" : ", got " + body.length() + " bytes"))
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("X-Origin", name);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
