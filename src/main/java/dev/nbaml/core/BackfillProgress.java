package dev.nbaml.core;

import java.time.LocalDate;
import java.util.Optional;

/** Where an interrupted backfill got to, so that a rerun finishes it. */
public interface BackfillProgress {

  /** The last date fully written by an unfinished job with this key, if any. */
  Optional<LocalDate> resumeAfter(String job);

  /** Records that every row up to {@code lastDate} is written. */
  void save(String job, LocalDate lastDate, long rowsDone, boolean finished);
}
