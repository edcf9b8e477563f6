package io.mtlsedge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One real Kafka broker for a whole build: the first test JVM that needs it starts it (as a JVM of
 * its own, from local-stack's classpath), later ones find it through a file under the build's
 * {@code target/test-kafka}. Every user renews a lease; the broker stops by itself a minute after
 * the last renewal. {@code MTLS_TEST_KAFKA=host:port} points the tests at a broker instead.
 */
public final class SharedKafkaBroker {

  private static final Duration IDLE = Duration.ofSeconds(90);
  private static String bootstrap;
  private static ScheduledExecutorService leaseRenewer;

  private SharedKafkaBroker() {}

  /** The broker's bootstrap address, starting it if no live one is found. */
  public static synchronized String bootstrapServers() {
    if (bootstrap != null) {
      return bootstrap;
    }
    String external = System.getenv("MTLS_TEST_KAFKA");
    if (external != null && !external.isBlank()) {
      bootstrap = external.trim();
      return bootstrap;
    }
    Path dir = BuildRoot.find().resolve("target/test-kafka");
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        Path lease = dir.resolve("lease");
        touch(lease);
        bootstrap = liveBroker(dir.resolve("bootstrap"));
        if (bootstrap == null) {
          bootstrap = start(dir, lease);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the test Kafka broker", e);
    }
    renewLease(dir.resolve("lease"));
    return bootstrap;
  }

  private static String liveBroker(Path bootstrapFile) throws IOException {
    if (!Files.exists(bootstrapFile)) {
      return null;
    }
    String address = Files.readString(bootstrapFile).trim();
    return reachable(address) ? address : null;
  }

  private static String start(Path dir, Path lease) throws IOException {
    Path root = BuildRoot.find();
    Path classes = root.resolve("local-stack/target/classes");
    Path classpathFile = root.resolve("local-stack/target/runtime-classpath.txt");
    if (!Files.exists(classpathFile)) {
      throw new IllegalStateException(
          "local-stack is not built: run the tests through the root build (./mvnw verify)");
    }
    String classpath =
        classes + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
    Path bootstrapFile = dir.resolve("bootstrap");
    Files.deleteIfExists(bootstrapFile);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            "io.mtlsedge.local.KafkaBroker",
            "--port",
            "0",
            "--data-dir",
            dir.resolve("data").toString(),
            "--fresh",
            "--ready-file",
            bootstrapFile.toString(),
            "--lease-file",
            lease.toString(),
            "--idle-seconds",
            String.valueOf(IDLE.toSeconds()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("broker.log").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(bootstrapFile)) {
        String address = Files.readString(bootstrapFile).trim();
        if (reachable(address)) {
          return address;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the test Kafka broker exited; see " + dir.resolve("broker.log"));
      }
      sleep(200);
    }
    process.destroy();
    throw new IllegalStateException("the test Kafka broker did not start within 90 s");
  }

  private static void renewLease(Path lease) {
    leaseRenewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kafka-lease");
              thread.setDaemon(true);
              return thread;
            });
    leaseRenewer.scheduleAtFixedRate(() -> touch(lease), 5, 5, TimeUnit.SECONDS);
  }

  private static void touch(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // The broker only stops once the lease is stale for a minute; one missed renewal is harmless.
    }
  }

  private static boolean reachable(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          1000);
      return true;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
