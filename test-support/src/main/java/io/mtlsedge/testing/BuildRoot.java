package io.mtlsedge.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the top folder of the build, where {@code mvnw} lives. */
public final class BuildRoot {

  private BuildRoot() {}

  /**
   * The build root: the {@code mtlsedge.build.root} property, else the nearest folder with mvnw.
   */
  public static Path find() {
    String property = System.getProperty("mtlsedge.build.root");
    if (property != null && Files.exists(Path.of(property, "mvnw"))) {
      return Path.of(property).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
  }
}
