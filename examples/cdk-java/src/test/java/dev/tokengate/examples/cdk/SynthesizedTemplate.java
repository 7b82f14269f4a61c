package dev.tokengate.examples.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The CloudFormation template a stack synthesizes, as a JSON tree, with the few intrinsic functions CDK writes
 * for imported values evaluated against given export values.
 */
final class SynthesizedTemplate {

  private final JsonNode template;

  private SynthesizedTemplate(JsonNode template) {
    this.template = template;
  }

  static SynthesizedTemplate of(Stack stack) {
    return new SynthesizedTemplate(new ObjectMapper().valueToTree(Template.fromStack(stack).toJSON()));
  }

  JsonNode json() {
    return template;
  }

  /** The resources of one type, by logical id. */
  Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    template.path("Resources").properties().forEach(resource -> {
      if (resource.getValue().path("Type").asText().equals(type)) {
        found.put(resource.getKey(), resource.getValue());
      }
    });
    return found;
  }

  /** The one resource of a type. */
  Map.Entry<String, JsonNode> only(String type) {
    Map<String, JsonNode> found = resources(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type + ", found " + found.keySet());
    }
    return found.entrySet().iterator().next();
  }

  /** The types of every resource, one entry per resource. */
  List<String> resourceTypes() {
    List<String> types = new ArrayList<>();
    template.path("Resources").forEach(resource -> types.add(resource.path("Type").asText()));
    return types;
  }

  /**
   * Evaluates a value made of strings, {@code Fn::ImportValue}, {@code Fn::Split}, {@code Fn::Select} and
   * {@code Fn::Join}, as CloudFormation would with the given exports.
   */
  static String evaluate(JsonNode value, Map<String, String> exports) {
    Object result = evaluateAny(value, exports);
    if (!(result instanceof String text)) {
      throw new AssertionError("not a string: " + value);
    }
    return text;
  }

  private static Object evaluateAny(JsonNode value, Map<String, String> exports) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isArray()) {
      List<Object> items = new ArrayList<>();
      value.forEach(item -> items.add(evaluateAny(item, exports)));
      return items;
    }
    if (value.isObject() && value.size() == 1) {
      String function = value.properties().iterator().next().getKey();
      JsonNode argument = value.get(function);
      switch (function) {
        case "Fn::ImportValue" -> {
          String name = argument.asText();
          if (!exports.containsKey(name)) {
            throw new AssertionError("no export named " + name);
          }
          return exports.get(name);
        }
        case "Fn::Split" -> {
          return Arrays.asList(evaluate(argument.get(1), exports).split(Pattern.quote(argument.get(0).asText()), -1));
        }
        case "Fn::Select" -> {
          return ((List<?>) evaluateAny(argument.get(1), exports)).get(argument.get(0).asInt());
        }
        case "Fn::Join" -> {
          List<String> parts = new ArrayList<>();
          for (Object part : (List<?>) evaluateAny(argument.get(1), exports)) {
            parts.add((String) part);
          }
          return String.join(argument.get(0).asText(), parts);
        }
        default -> throw new AssertionError("cannot evaluate " + function);
      }
    }
    throw new AssertionError("cannot evaluate " + value);
  }
}
