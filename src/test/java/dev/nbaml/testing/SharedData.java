package dev.nbaml.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real NBA data in {@code ../shared/data} (never copied into the repository). Its location is
 * the {@code shared.dir} system property, set by the build, or {@code ../shared}.
 */
public final class SharedData {
  private SharedData() {}

  public static Path file(String name) {
    Path dir = Path.of(System.getProperty("shared.dir", "../shared")).resolve("data");
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "Shared data file "
              + file.toAbsolutePath()
              + " is missing: the tests read ../shared/data beside the project");
    }
    return file;
  }
}
