package dev.nbaml.core;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** Streams history rows for a backfill, oldest first, in chunks that never split a date. */
public interface BackfillSource {

  /**
   * Feeds the rows with {@code after < game_date <= to} (from {@code from} when {@code after} is
   * null) to {@code chunks}, about {@code chunkSize} rows at a time; never holds more than one
   * chunk.
   */
  void stream(
      LocalDate from,
      LocalDate to,
      LocalDate after,
      int chunkSize,
      Consumer<List<GameFeatures>> chunks);
}
