package dev.nbaml.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.testing.PipelineFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration that creates the predictions table and the writer's Java list of its columns agree.
 */
class PredictionsTableIT {

  @Test
  void theMigratedPredictionsTableHasExactlyTheColumnsAndTypesTheWriterWrites() {
    try (PipelineFixture pipeline = new PipelineFixture()) {
      pipeline.database().execute("DROP TABLE IF EXISTS gold.ml_game_predictions"); // V1 creates it
      pipeline.migrate();

      List<PredictionColumns.Column> migrated =
          pipeline
              .query(
                  "SELECT column_name, data_type FROM information_schema.columns"
                      + " WHERE table_schema = 'gold' AND table_name = 'ml_game_predictions' ORDER BY ordinal_position")
              .stream()
              .map(
                  r ->
                      new PredictionColumns.Column(
                          (String) r.get("column_name"), (String) r.get("data_type")))
              .toList();

      assertThat(migrated).containsExactlyElementsOf(PredictionColumns.TABLE);
      assertThat(PredictionColumns.TABLE).containsAll(PredictionColumns.WRITTEN);
    }
  }
}
