package dev.tokengate.localgateway;

import dev.tokengate.lambdarunner.FunctionConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation intrinsics whose value is known on this machine: parameters, pseudo parameters,
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select} and {@code Fn::If} (with the template's
 * {@code Conditions}: {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}) over them. Anything
 * that only exists once deployed (a resource's ARN, a secret) has no local value. Immutable and thread-safe.
 */
final class Intrinsics {

  /** The region and account the functions run in, so that the template and the functions agree. */
  static final String REGION = FunctionConfiguration.REGION;
  static final String ACCOUNT = FunctionConfiguration.ACCOUNT;

  private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
      "AWS::Region", REGION,
      "AWS::AccountId", ACCOUNT,
      "AWS::Partition", "aws",
      "AWS::URLSuffix", "amazonaws.com",
      "AWS::StackName", "local-gateway",
      "AWS::StackId", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/local-gateway/local");

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Map<String, String> NO_VALUE = Map.of("Ref", "AWS::NoValue");
  /** Conditions may name conditions; a template that loops is not served, and this bounds the walk. */
  private static final int MAX_CONDITION_DEPTH = 16;

  private final Map<String, String> parameters;
  private final Map<String, Object> conditions;

  /**
   * @param parameters the template's parameters that have a value (their default or an override)
   * @param conditions the template's {@code Conditions} section, by name
   */
  Intrinsics(Map<String, String> parameters, Map<String, Object> conditions) {
    this.parameters = Map.copyOf(parameters);
    this.conditions = Map.copyOf(conditions);
  }

  /**
   * Whether a property is left out by design: {@code !Ref AWS::NoValue}, directly or as the branch an
   * {@code Fn::If} takes.
   */
  boolean isNoValue(Object value) {
    if (NO_VALUE.equals(value)) {
      return true;
    }
    return chosenBranch(value).map(this::isNoValue).orElse(false);
  }

  /** The value as text, or empty when only AWS knows it (a resource's ARN, a parameter without a value). */
  Optional<String> text(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return Optional.of(value.toString());
    }
    if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
      return Optional.empty();
    }
    Map.Entry<?, ?> function = map.entrySet().iterator().next();
    Object argument = function.getValue();
    return switch (String.valueOf(function.getKey())) {
      case "Ref" -> name(argument);
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> join(argument);
      case "Fn::Select" -> select(argument);
      case "Fn::If" -> chosenBranch(value).flatMap(this::text);
      default -> Optional.empty();
    };
  }

  /** The branch an {@code Fn::If} takes, when its condition can be decided here. */
  private Optional<Object> chosenBranch(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1 || !(map.get("Fn::If") instanceof List<?> list)
        || list.size() != 3) {
      return Optional.empty();
    }
    return condition(Map.of("Condition", String.valueOf(list.get(0))), 0)
        .map(holds -> holds ? list.get(1) : list.get(2));
  }

  /** A condition's truth, or empty when it depends on something only AWS knows. */
  private Optional<Boolean> condition(Object value, int depth) {
    if (depth > MAX_CONDITION_DEPTH || !(value instanceof Map<?, ?> map) || map.size() != 1) {
      return Optional.empty();
    }
    Map.Entry<?, ?> function = map.entrySet().iterator().next();
    Object argument = function.getValue();
    List<?> operands = argument instanceof List<?> list ? list : List.of();
    return switch (String.valueOf(function.getKey())) {
      case "Condition" -> condition(conditions.get(String.valueOf(argument)), depth + 1);
      case "Fn::Equals" -> operands.size() != 2 ? Optional.empty()
          : text(operands.get(0)).flatMap(left -> text(operands.get(1)).map(left::equals));
      case "Fn::Not" -> operands.size() != 1 ? Optional.empty()
          : condition(operands.get(0), depth + 1).map(holds -> !holds);
      case "Fn::And" -> all(operands, depth, true);
      case "Fn::Or" -> all(operands, depth, false);
      default -> Optional.empty();
    };
  }

  /** {@code Fn::And} (every operand true) when {@code and}, else {@code Fn::Or} (some operand true). */
  private Optional<Boolean> all(List<?> operands, int depth, boolean and) {
    if (operands.isEmpty()) {
      return Optional.empty();
    }
    boolean result = and;
    for (Object operand : operands) {
      Optional<Boolean> holds = condition(operand, depth + 1);
      if (holds.isEmpty()) {
        return Optional.empty();
      }
      result = and ? result && holds.get() : result || holds.get();
    }
    return Optional.of(result);
  }

  /**
   * The logical IDs a value refers to ({@code !Ref X}, {@code !GetAtt X.Arn}, {@code ${X.Arn}} in a
   * {@code !Sub}), including SAM's generated references such as {@code X.Alias} (reported as {@code X}).
   */
  static Set<String> referencedNames(Object value) {
    Set<String> names = new LinkedHashSet<>();
    collectReferences(value, names);
    return names;
  }

  private Optional<String> name(Object argument) {
    String name = String.valueOf(argument);
    if (PSEUDO_PARAMETERS.containsKey(name)) {
      return Optional.of(PSEUDO_PARAMETERS.get(name));
    }
    return Optional.ofNullable(parameters.get(name));
  }

  private Optional<String> sub(Object argument) {
    String text;
    Map<?, ?> variables = Map.of();
    if (argument instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> map) {
      text = String.valueOf(list.get(0));
      variables = map;
    } else if (argument instanceof String string) {
      text = string;
    } else {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1);
      Optional<String> replacement;
      if (variable.startsWith("!")) {
        replacement = Optional.of("${" + variable.substring(1) + "}");
      } else if (variables.containsKey(variable)) {
        replacement = text(variables.get(variable));
      } else if (variable.contains(".")) {
        replacement = Optional.empty();
      } else {
        replacement = name(variable);
      }
      if (replacement.isEmpty()) {
        return Optional.empty();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.get()));
    }
    matcher.appendTail(out);
    return Optional.of(out.toString());
  }

  private Optional<String> join(Object argument) {
    if (!(argument instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> parts)) {
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    for (Object part : parts) {
      Optional<String> text = text(part);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      texts.add(text.get());
    }
    return Optional.of(String.join(String.valueOf(list.get(0)), texts));
  }

  private Optional<String> select(Object argument) {
    if (!(argument instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> options)) {
      return Optional.empty();
    }
    Optional<String> index = text(list.get(0));
    try {
      int position = Integer.parseInt(index.orElse("-1"));
      return position >= 0 && position < options.size() ? text(options.get(position)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void collectReferences(Object value, Set<String> names) {
    if (value instanceof List<?> list) {
      list.forEach(item -> collectReferences(item, names));
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return;
    }
    map.forEach((key, argument) -> {
      switch (String.valueOf(key)) {
        case "Ref" -> names.add(logicalIdOf(String.valueOf(argument)));
        case "Fn::GetAtt" -> names.add(logicalIdOf(argument instanceof List<?> parts && !parts.isEmpty()
            ? String.valueOf(parts.get(0)) : String.valueOf(argument)));
        case "Fn::Sub" -> {
          Object text = argument instanceof List<?> parts && !parts.isEmpty() ? parts.get(0) : argument;
          Matcher matcher = SUB_VARIABLE.matcher(String.valueOf(text));
          while (matcher.find()) {
            if (!matcher.group(1).startsWith("!")) {
              names.add(logicalIdOf(matcher.group(1)));
            }
          }
          if (argument instanceof List<?> parts && parts.size() == 2) {
            collectReferences(parts.get(1), names);
          }
        }
        default -> collectReferences(argument, names);
      }
    });
  }

  private static String logicalIdOf(String reference) {
    int dot = reference.indexOf('.');
    return dot < 0 ? reference : reference.substring(0, dot);
  }
}
