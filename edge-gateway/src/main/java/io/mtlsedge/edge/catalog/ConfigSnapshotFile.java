package io.mtlsedge.edge.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlsedge.common.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The edge's last applied config records, on local disk, written atomically. */
final class ConfigSnapshotFile {

  /**
   * What the file holds.
   *
   * @param nextOffset the config topic offset the records reach
   * @param records raw record values by key
   */
  record Snapshot(long nextOffset, Map<String, byte[]> records) {}

  private static final ObjectMapper JSON = Json.mapper();
  private final Path file;

  ConfigSnapshotFile(Path file) {
    this.file = file;
  }

  Optional<Snapshot> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root = JSON.readTree(file.toFile());
    Map<String, byte[]> records = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("records").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      records.put(field.getKey(), JSON.writeValueAsBytes(field.getValue()));
    }
    return Optional.of(new Snapshot(root.path("nextOffset").asLong(), records));
  }

  void write(Snapshot snapshot) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("nextOffset", snapshot.nextOffset());
    ObjectNode records = root.putObject("records");
    for (Map.Entry<String, byte[]> entry : snapshot.records().entrySet()) {
      records.set(entry.getKey(), JSON.readTree(entry.getValue()));
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, "snapshot", ".tmp");
    JSON.writeValue(temporary.toFile(), root);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
