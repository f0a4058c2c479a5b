package dev.nbaml.monitoring;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Headless Chromium (Debian's package), to look at a page as a person would. */
final class Browser {
  private Browser() {}

  static BufferedImage screenshot(Path page, Path png) throws IOException, InterruptedException {
    String chromium =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Chromium is needed to check the report page: apt-get install chromium (src/local/test.sh does)"));
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1000,2600",
                "--screenshot=" + png,
                page.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish the screenshot in 90 s");
    }
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IllegalStateException(
          "Chromium wrote no screenshot (exit " + process.exitValue() + ")");
    }
    return image;
  }

  static int colours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  static boolean contains(BufferedImage image, Color colour) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - colour.getRed()) < 12
            && Math.abs(c.getGreen() - colour.getGreen()) < 12
            && Math.abs(c.getBlue() - colour.getBlue()) < 12) {
          return true;
        }
      }
    }
    return false;
  }
}
