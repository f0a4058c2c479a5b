package dev.nbaml.config;

import java.util.regex.Pattern;

/**
 * A schema-qualified table name that is safe to put into SQL text: two plain lower-case
 * identifiers. Anything else (quotes, spaces, semicolons, comments) is refused, so configuration
 * cannot inject SQL.
 */
public record TableName(String schema, String table) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public TableName {
    if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema '" + schema + "' is not a plain identifier");
    }
    if (table == null || !IDENTIFIER.matcher(table).matches()) {
      throw new IllegalArgumentException("table '" + table + "' is not a plain identifier");
    }
  }

  /**
   * Parses {@code schema.table}.
   *
   * @throws IllegalArgumentException when the text is not two plain lower-case identifiers
   */
  public static TableName parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a schema-qualified table name such as silver.ml_game_features");
    }
    try {
      return new TableName(parts[0], parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a schema-qualified table name of plain lower-case identifiers ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
