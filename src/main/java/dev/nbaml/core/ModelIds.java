package dev.nbaml.core;

import java.util.regex.Pattern;

/**
 * The forms of a model's name, version and registry alias. The card ({@code ModelCard}), the
 * registry layout ({@code ModelRegistry}, {@code S3ModelRegistry}) and the configuration ({@code
 * MODEL_ALIAS}) all check them here, so that a value one of them accepts is never refused by
 * another.
 */
public final class ModelIds {

  /** A model name, e.g. {@code nba-winner}: lower-case letters, digits and '-', at most 63. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** A registry alias, e.g. {@code current}: lower-case letters, digits and '-', at most 63. */
  public static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** A semantic version, e.g. {@code 1.2.0} or {@code 1.2.0-rc.1}. */
  public static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

  private ModelIds() {}

  /** Whether {@code value} is a model name; false for null. */
  public static boolean isName(String value) {
    return value != null && NAME.matcher(value).matches();
  }

  /** Whether {@code value} is a registry alias; false for null. */
  public static boolean isAlias(String value) {
    return value != null && ALIAS.matcher(value).matches();
  }

  /** Whether {@code value} is a semantic version; false for null. */
  public static boolean isVersion(String value) {
    return value != null && VERSION.matcher(value).matches();
  }

  /**
   * The alias, checked.
   *
   * @throws IllegalArgumentException naming the value when it is not an alias
   */
  public static String requireAlias(String value) {
    if (!isAlias(value)) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an alias of lower-case letters, digits and '-'");
    }
    return value;
  }
}
