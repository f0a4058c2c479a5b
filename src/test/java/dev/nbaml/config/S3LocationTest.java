package dev.nbaml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void parsesBucketAndPrefixAddingTheTrailingSlash() {
    assertThat(S3Location.parse("s3://models/nba/winner"))
        .isEqualTo(new S3Location("models", "nba/winner/"));
    assertThat(S3Location.parse("s3://models/")).isEqualTo(new S3Location("models", ""));
    assertThat(S3Location.parse("s3://models").key("model-card.json")).isEqualTo("model-card.json");
    assertThat(S3Location.parse("s3://models/a/").resolve("1.0.0"))
        .hasToString("s3://models/a/1.0.0/");
  }

  @Test
  void refusesWhatIsNotAnS3Folder() {
    assertThatThrownBy(() -> S3Location.parse("models/a"))
        .hasMessageContaining("is not an s3://bucket/prefix/ URI");
    assertThatThrownBy(() -> S3Location.parse("s3://Bad_Bucket/a"))
        .hasMessageContaining("does not name a valid S3 bucket");
    assertThatThrownBy(() -> S3Location.parse("s3://models//a"))
        .hasMessageContaining("empty path segment");
  }
}
