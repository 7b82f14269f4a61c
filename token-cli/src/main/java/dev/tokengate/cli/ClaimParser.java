package dev.tokengate.cli;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;

/**
 * Parses {@code --claim} arguments: {@code key=value} sets a string, {@code key:=json} a typed value (number,
 * boolean, null, array, object). The argument is split on the first {@code =}, so a string value may contain
 * {@code =} (base64, URLs). Stateless and thread-safe.
 */
final class ClaimParser {

  private ClaimParser() {}

  /**
   * Parses one claim.
   *
   * @throws IllegalArgumentException with a one-line message when the argument has no {@code =}, an empty name,
   *     or invalid JSON after {@code :=}
   */
  static Map.Entry<String, Object> parse(String argument) {
    int equals = argument.indexOf('=');
    if (equals < 0) {
      throw new IllegalArgumentException("'" + argument
          + "' is not a claim: write key=value for a string or key:=json for a number, boolean, array or object");
    }
    String name = argument.substring(0, equals);
    String value = argument.substring(equals + 1);
    boolean typed = name.endsWith(":");
    if (typed) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("'" + argument + "' has an empty claim name");
    }
    if (!typed) {
      return new SimpleImmutableEntry<>(name, value);
    }
    try {
      // SimpleImmutableEntry, unlike Map.entry, holds the JSON null.
      return new SimpleImmutableEntry<>(name, Json.parse(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("claim '" + name + "': " + e.getMessage()
          + " (after := comes JSON, e.g. 42, true, [\"a\",\"b\"], {\"k\":1}; strings need quotes or use =)");
    }
  }
}
