package dev.tokengate.localgateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM YAML template, turning short-form intrinsics into their long form
 * ({@code !Ref X} becomes {@code {Ref: X}}, {@code !Sub s} becomes {@code {Fn::Sub: s}}), as CloudFormation does.
 * Public because the template checks in {@code deploy-tests} read the template the same way. Stateless and
 * thread-safe.
 */
public final class CloudFormationYaml {

  private CloudFormationYaml() {}

  /**
   * Reads a template.
   *
   * @param template the YAML file
   * @return its top-level mapping, intrinsics in long form
   * @throws TemplateException when the file cannot be read or is not a YAML mapping
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path template) {
    try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
      Object document = new Yaml(new IntrinsicsConstructor()).load(reader);
      if (!(document instanceof Map)) {
        throw new TemplateException(template + " is not a CloudFormation template (no top-level mapping)");
      }
      return (Map<String, Object>) document;
    } catch (IOException e) {
      throw new TemplateException("cannot read " + template + ": " + e.getMessage());
    } catch (YAMLException e) {
      throw new TemplateException(template + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static final class IntrinsicsConstructor extends SafeConstructor {

    IntrinsicsConstructor() {
      super(new LoaderOptions());
      // SnakeYAML looks up unknown tags under the null key: every CloudFormation short form lands here.
      yamlConstructors.put(null, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String tag = node.getTag().getValue().substring(1);
          String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
          return Map.of(name, valueOf(node));
        }
      });
    }

    private Object valueOf(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        return constructSequence(sequence);
      }
      return constructMapping((MappingNode) node);
    }
  }
}
