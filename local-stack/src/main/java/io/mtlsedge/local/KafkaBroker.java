package io.mtlsedge.local;

import io.mtlsedge.common.kafka.TopicLayout;
import io.mtlsedge.common.kafka.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run in a
 * JVM of its own. It formats its data directory when needed, starts, creates the topics of the
 * contract and writes its bootstrap address to a file once it is ready.
 *
 * <p>Arguments: {@code --port 9092} (0 picks a free one), {@code --data-dir DIR}, {@code --fresh}
 * to wipe the data directory first, {@code --topic-prefix P}, {@code --partitions N} for the event
 * topics, {@code --ready-file F}, and {@code --lease-file F --idle-seconds N} to stop by itself
 * once nobody has touched the lease file for that long (tests share one broker that way).
 */
public final class KafkaBroker {

  private KafkaBroker() {}

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Path dataDir = Path.of(arguments.value("--data-dir", "target/local/kafka")).toAbsolutePath();
    if (arguments.flag("--fresh")) {
      deleteRecursively(dataDir);
    }
    Files.createDirectories(dataDir);

    int port = freePortIfZero(Integer.parseInt(arguments.value("--port", "9092")));
    int controllerPort = freePortIfZero(0);
    Properties properties = serverProperties(dataDir, port, controllerPort);
    formatIfNeeded(dataDir, properties);

    KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-shutdown"));
    server.startup();

    String bootstrap = "127.0.0.1:" + port;
    createTopics(bootstrap, arguments);
    String ready = arguments.value("--ready-file", null);
    if (ready != null) {
      Path readyFile = Path.of(ready);
      Files.createDirectories(readyFile.toAbsolutePath().getParent());
      Path temporary = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
      Files.writeString(temporary, bootstrap + "\n");
      Files.move(temporary, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    System.out.println("kafka ready on " + bootstrap + " (data in " + dataDir + ")");

    String lease = arguments.value("--lease-file", null);
    if (lease != null) {
      Duration idle = Duration.ofSeconds(Long.parseLong(arguments.value("--idle-seconds", "120")));
      watchLease(Path.of(lease), idle);
      System.exit(0);
    }
    server.awaitShutdown();
  }

  private static Properties serverProperties(Path dataDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("log.cleaner.backoff.ms", "1000");
    return p;
  }

  private static void formatIfNeeded(Path dataDir, Properties properties) throws IOException {
    Path logs = dataDir.resolve("logs");
    if (Files.exists(logs.resolve("meta.properties"))) {
      return;
    }
    Path config = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      properties.store(out, "written by the local broker launcher");
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int code =
        StorageTool.execute(
            new String[] {
              "format",
              "-t",
              Uuid.randomUuid().toString(),
              "-c",
              config.toString(),
              "--ignore-formatted"
            },
            quiet);
    if (code != 0) {
      throw new IllegalStateException("formatting " + logs + " failed with code " + code);
    }
  }

  private static void createTopics(String bootstrap, Arguments arguments) {
    Topics topics = new Topics(arguments.value("--topic-prefix", ""));
    int partitions = Integer.parseInt(arguments.value("--partitions", "3"));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicLayout.ensure(admin, topics, partitions, (short) 1, Duration.ofSeconds(30));
    }
  }

  private static void watchLease(Path lease, Duration idle) throws InterruptedException {
    touch(lease);
    while (true) {
      Thread.sleep(2000);
      try {
        Instant touched = Files.getLastModifiedTime(lease).toInstant();
        if (Duration.between(touched, Instant.now()).compareTo(idle) > 0) {
          System.out.println("kafka: lease " + lease + " idle for " + idle + ", stopping");
          return;
        }
      } catch (IOException e) {
        System.out.println("kafka: lease " + lease + " gone, stopping");
        return;
      }
    }
  }

  private static void touch(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.createFile(file);
      }
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePortIfZero(int port) throws IOException {
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
