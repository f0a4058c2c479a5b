package dev.nbaml.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The product's migrations, for tests that check how many a fresh database gets. */
public final class MigrationFiles {
  private MigrationFiles() {}

  /** How many versioned migrations {@code src/main/resources/db/migration} holds. */
  public static int count() {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
