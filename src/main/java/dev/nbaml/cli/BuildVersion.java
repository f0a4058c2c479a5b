package dev.nbaml.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code -V}: the pom's version, which the build writes into {@value #RESOURCE} (resource
 * filtering), so that the jar, {@code mvn exec} and the tests all print the same version.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
  static final String RESOURCE = "/dev/nbaml/cli/version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"ml-pipeline " + version()};
  }

  /**
   * The pom's version.
   *
   * @throws IllegalStateException when the build did not write it (a build outside Maven)
   */
  static String version() {
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing: build with Maven (mvn package)");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "");
      if (version.isBlank() || version.contains("${")) {
        throw new IllegalStateException(
            RESOURCE + " holds no version ('" + version + "'): build with Maven");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
