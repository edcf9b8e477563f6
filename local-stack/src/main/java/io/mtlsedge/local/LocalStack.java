package io.mtlsedge.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.TopicLayout;
import io.mtlsedge.common.kafka.Topics;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole system on one machine, without Docker: a Kafka broker, the config service, the cert
 * inspector, the edge gateway (each in a JVM of its own, logging under {@code <dir>/logs}), the
 * demo origin, the demo PKI and a passthrough distribution for {@code demo.localhost}. {@link
 * #main} stays in the foreground until interrupted and then stops all it started; tests use {@link
 * #start} and {@link #close}.
 */
public final class LocalStack implements AutoCloseable {

  /**
   * The ports the parts listen on.
   *
   * @param kafka the broker, when this stack starts one
   * @param configService the config API
   * @param inspector the cert inspector API
   * @param edgeManagement the edge's health and metrics port
   * @param viewer the edge's viewer TLS port
   * @param origin the demo origin
   */
  public record Ports(
      int kafka, int configService, int inspector, int edgeManagement, int viewer, int origin) {

    /** The documented local defaults. */
    public static Ports defaults() {
      return new Ports(9092, 8081, 8082, 8080, 8443, 8090);
    }

    /** Free ports picked now, for tests that run beside anything else. */
    public static Ports free() throws IOException {
      return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }
  }

  /**
   * How to start.
   *
   * @param buildRoot the top of the build, where the service jars are
   * @param dir where data, logs, the PKI and the token go
   * @param ports the ports
   * @param kafkaBootstrap an existing broker to use, or null to start one
   * @param topicPrefix topic prefix for every service
   * @param fresh wipe the broker's data first
   */
  public record Options(
      Path buildRoot,
      Path dir,
      Ports ports,
      String kafkaBootstrap,
      String topicPrefix,
      boolean fresh) {}

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Options options;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private DemoOrigin origin;
  private DemoPki pki;
  private String adminToken;
  private String bootstrap;
  private volatile boolean stopping;

  private LocalStack(Options options) {
    this.options = options;
  }

  /** Starts everything and returns once the demo distribution is deployed on the edge. */
  public static LocalStack start(Options options) throws Exception {
    LocalStack stack = new LocalStack(options);
    try {
      stack.startAll();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Path root = Path.of(arguments.value("--build-root", ".")).toAbsolutePath().normalize();
    Ports defaults = Ports.defaults();
    Options options =
        new Options(
            root,
            root.resolve(arguments.value("--dir", "target/local")),
            new Ports(
                Integer.parseInt(arguments.value("--kafka-port", String.valueOf(defaults.kafka()))),
                defaults.configService(),
                defaults.inspector(),
                defaults.edgeManagement(),
                defaults.viewer(),
                defaults.origin()),
            null,
            "",
            arguments.flag("--fresh"));
    CountDownLatch stopped = new CountDownLatch(1);
    LocalStack stack = new LocalStack(options);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping the local stack");
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-stop"));
    try {
      stack.startAll();
    } catch (Exception e) {
      System.err.println("the local stack did not start: " + e.getMessage());
      System.err.println("logs are under " + options.dir().resolve("logs"));
      System.exit(1);
    }
    stack.printReady();
    stack.watch();
  }

  private void startAll() throws Exception {
    Path dir = options.dir();
    Files.createDirectories(dir.resolve("logs"));
    pki = DemoPki.ensure(dir);
    adminToken = adminToken(dir.resolve("admin-token"));
    bootstrap = options.kafkaBootstrap() == null ? startKafka() : options.kafkaBootstrap();
    ensureTopics();
    origin = DemoOrigin.start("127.0.0.1", options.ports().origin(), pki.trustAnchors());

    Ports ports = options.ports();
    startService(
        "config-service",
        ports.configService(),
        List.of("-Dmtls.config.admin-token=" + adminToken));
    startService("cert-inspector", ports.inspector(), List.of());
    startService(
        "edge-gateway",
        ports.edgeManagement(),
        List.of(
            "-Dmtls.edge.viewer-port=" + ports.viewer(),
            "-Dmtls.edge.viewer-host=127.0.0.1",
            "-Dmtls.edge.node-id=local-edge",
            "-Dmtls.edge.default-server-name=" + DemoPki.HOST,
            "-Dmtls.edge.secrets-dir=" + pki.secretsDir(),
            "-Dmtls.edge.snapshot-file=" + dir.resolve("edge/config-snapshot.json")));
    for (ManagedProcess process : processes) {
      if (process.healthPort() > 0) {
        awaitReady(process);
      }
    }
    createDemoDistribution();
  }

  private String startKafka() throws Exception {
    Path ready = options.dir().resolve("kafka/bootstrap");
    Files.deleteIfExists(ready);
    List<String> command = new ArrayList<>(javaCommand("-Xmx512m"));
    command.addAll(
        List.of(
            "-cp",
            brokerClasspath(),
            KafkaBroker.class.getName(),
            "--port",
            String.valueOf(options.ports().kafka()),
            "--data-dir",
            options.dir().resolve("kafka/data").toString(),
            "--ready-file",
            ready.toString()));
    if (options.fresh()) {
      command.add("--fresh");
    }
    ManagedProcess kafka = launch("kafka", command, 0);
    await("Kafka", () -> Files.exists(ready) || !kafka.isAlive(), kafka);
    return Files.readString(ready).trim();
  }

  private void ensureTopics() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicLayout.ensure(
          admin, new Topics(options.topicPrefix()), 3, (short) 1, Duration.ofSeconds(30));
    }
  }

  private void startService(String name, int httpPort, List<String> properties) throws IOException {
    Path jar = options.buildRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build first with ./mvnw package -DskipTests");
    }
    List<String> command = new ArrayList<>(javaCommand("-Xmx384m"));
    command.add("-Dquarkus.http.port=" + httpPort);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dkafka.bootstrap.servers=" + bootstrap);
    if (!options.topicPrefix().isEmpty()) {
      command.add("-Dmtls.kafka.topic-prefix=" + options.topicPrefix());
    }
    command.addAll(properties);
    command.add("-jar");
    command.add(jar.toString());
    launch(name, command, httpPort);
  }

  private ManagedProcess launch(String name, List<String> command, int healthPort)
      throws IOException {
    Path log = options.dir().resolve("logs").resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(options.dir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ManagedProcess managed = new ManagedProcess(name, process, log, healthPort, command);
    processes.add(managed);
    return managed;
  }

  private void awaitReady(ManagedProcess process) throws Exception {
    URI health = URI.create("http://127.0.0.1:" + process.healthPort() + "/q/health/ready");
    await(
        process.name(),
        () -> !process.isAlive() || status(HttpRequest.newBuilder(health).GET().build()) == 200,
        process);
  }

  private void createDemoDistribution() throws Exception {
    ObjectNode trustStore = Json.mapper().createObjectNode();
    trustStore.put("id", "demo-root");
    trustStore.put("pem", Files.readString(pki.rootCertificate()));
    createIfMissing("/api/v1/trust-stores", trustStore);

    ObjectNode distribution = (ObjectNode) Json.mapper().readTree(demoDistributionJson());
    createIfMissing("/api/v1/distributions", distribution);

    URI status = configUri("/api/v1/distributions/demo/status");
    await(
        "the demo distribution on the edge",
        () -> {
          HttpResponse<String> response = send(authorized(status).GET().build());
          return response != null
              && response.statusCode() == 200
              && "Deployed".equals(Json.mapper().readTree(response.body()).path("status").asText());
        },
        null);
  }

  private String demoDistributionJson() {
    return """
    {
      "id": "demo",
      "aliases": ["%s"],
      "viewerCertificate": {"secretName": "%s"},
      "viewerMtls": {"mode": "passthrough"},
      "forwardedHeaders": {"profiles": ["rfc9440", "cloudfront"]},
      "origins": [{"id": "demo-origin", "url": "http://127.0.0.1:%d"}],
      "defaultBehavior": {"originId": "demo-origin"},
      "originValidation": {"trustStoreId": "demo-root"}
    }
    """
        .formatted(DemoPki.HOST, DemoPki.SECRET, options.ports().origin());
  }

  private void createIfMissing(String path, JsonNode body) throws Exception {
    HttpRequest request =
        authorized(configUri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)))
            .build();
    HttpResponse<String> response = send(request);
    int code = response == null ? -1 : response.statusCode();
    if (code != 201 && code != 409) {
      throw new IllegalStateException(
          "POST " + path + " answered " + code + ": " + (response == null ? "" : response.body()));
    }
  }

  private void printReady() {
    Ports ports = options.ports();
    System.out.printf(
        "ready: edge https://%s:%d (passthrough, management http://127.0.0.1:%d),"
            + " config API http://127.0.0.1:%d, inspector http://127.0.0.1:%d,"
            + " demo origin http://127.0.0.1:%d, Kafka %s%n",
        DemoPki.HOST,
        ports.viewer(),
        ports.edgeManagement(),
        ports.configService(),
        ports.inspector(),
        ports.origin(),
        bootstrap);
    System.out.println(curlCommand());
    System.out.println(
        "admin token in "
            + options.dir().resolve("admin-token")
            + ", demo PKI in "
            + options.dir().resolve("pki")
            + ", logs in "
            + options.dir().resolve("logs")
            + "; Ctrl-C stops everything");
    System.out.flush();
  }

  /** A curl command that fetches /whoami through the edge with the demo client certificate. */
  public String curlCommand() {
    return "curl --cert "
        + pki.clientCertificate()
        + " --key "
        + pki.clientKey()
        + " --cacert "
        + pki.rootCertificate()
        + " --resolve "
        + DemoPki.HOST
        + ":"
        + options.ports().viewer()
        + ":127.0.0.1 https://"
        + DemoPki.HOST
        + ":"
        + options.ports().viewer()
        + "/whoami";
  }

  private void watch() throws InterruptedException {
    while (!stopping) {
      for (ManagedProcess process : List.copyOf(processes)) {
        if (!process.isAlive() && !stopping) {
          System.err.println(process.name() + " stopped unexpectedly; see " + process.log());
          System.exit(1);
        }
      }
      Thread.sleep(1000);
    }
  }

  public DemoPki pki() {
    return pki;
  }

  public String adminToken() {
    return adminToken;
  }

  public String kafkaBootstrap() {
    return bootstrap;
  }

  public Ports ports() {
    return options.ports();
  }

  /** Stops the broker (if this stack started it), leaving the services running. */
  public void stopKafka() {
    processes.stream().filter(p -> p.name().equals("kafka")).forEach(ManagedProcess::stop);
  }

  /**
   * Stops one service ({@code config-service}, {@code cert-inspector}, {@code edge-gateway}) and
   * starts it again with the same settings, returning once it reports ready.
   */
  public synchronized void restart(String name) throws Exception {
    ManagedProcess old =
        processes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    old.stop();
    processes.remove(old);
    awaitReady(launch(name, old.command(), old.healthPort()));
  }

  @Override
  public synchronized void close() {
    stopping = true;
    List<ManagedProcess> reversed = new ArrayList<>(processes);
    Collections.reverse(reversed);
    for (ManagedProcess process : reversed) {
      process.stop();
    }
    processes.clear();
    if (origin != null) {
      origin.close();
      origin = null;
    }
  }

  private URI configUri(String path) {
    return URI.create("http://127.0.0.1:" + options.ports().configService() + path);
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + adminToken);
  }

  private int status(HttpRequest request) {
    HttpResponse<String> response = send(request);
    return response == null ? -1 : response.statusCode();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static void await(String what, Check check, ManagedProcess process) throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (check.done()) {
        if (process != null && !process.isAlive()) {
          throw new IllegalStateException(what + " exited; see " + process.log());
        }
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        what
            + " was not ready within "
            + START_TIMEOUT.toSeconds()
            + " s"
            + (process == null ? "" : "; see " + process.log()));
  }

  private static String adminToken(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    DemoPki.writePrivate(file, token + "\n");
    return token;
  }

  private List<String> javaCommand(String heap) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, heap, "-XX:+UseSerialGC");
  }

  private String brokerClasspath() throws IOException {
    Path target = options.buildRoot().resolve("local-stack/target");
    return target.resolve("classes")
        + File.pathSeparator
        + Files.readString(target.resolve("runtime-classpath.txt")).trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** A child JVM and where its output goes. */
  private record ManagedProcess(
      String name, Process process, Path log, int healthPort, List<String> command) {

    boolean isAlive() {
      return process.isAlive();
    }

    void stop() {
      if (!process.isAlive()) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
