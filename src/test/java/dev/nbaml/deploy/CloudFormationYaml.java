package dev.nbaml.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML, turning short tags ({@code !Ref}, {@code !Sub}, ...) into their long
 * form.
 */
public final class CloudFormationYaml {
  private static final List<String> FUNCTIONS =
      List.of(
          "Ref",
          "Condition",
          "GetAtt",
          "Sub",
          "If",
          "Equals",
          "Not",
          "And",
          "Or",
          "Join",
          "Select",
          "Split",
          "FindInMap",
          "Base64",
          "ImportValue",
          "GetAZs",
          "Cidr",
          "Transform");

  private CloudFormationYaml() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path file) throws IOException {
    return (Map<String, Object>) new Yaml(new Constructor()).load(Files.readString(file));
  }

  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
      for (String name : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + name), new Function(name));
      }
    }

    private final class Function extends AbstractConstruct {
      private final String key;
      private final boolean getAtt;

      Function(String name) {
        this.key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        this.getAtt = name.equals("GetAtt");
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          value = getAtt ? List.of(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return Map.of(key, value);
      }
    }
  }
}
