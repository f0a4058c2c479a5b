package dev.nbaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import picocli.CommandLine;

class BuildVersionTest {

  /** The project's own version, read from pom.xml. */
  static String pomVersion() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    return XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);
  }

  @Test
  void dashVPrintsThePomsVersion() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));

    int exit = commandLine.execute("-V");

    assertThat(exit).isZero();
    assertThat(pomVersion()).isNotBlank();
    assertThat(out.toString().strip()).isEqualTo("ml-pipeline " + pomVersion());
  }
}
