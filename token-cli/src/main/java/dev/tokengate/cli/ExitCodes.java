package dev.tokengate.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** token-cli's exit codes, one meaning each, shown in every command's {@code --help}. */
final class ExitCodes {

  static final int OK = 0;
  static final int REJECTED = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int WEAK_KEY = 4;
  static final int UNAUTHORIZED = 5;
  /** sysexits.h EX_SOFTWARE: a bug in token-cli, not a user mistake. */
  static final int INTERNAL = 70;

  private ExitCodes() {}

  /** The table picocli prints under "Exit codes:". */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    list.put(" " + OK, "OK: token signed, valid or allowed; secret written");
    list.put(" " + REJECTED, "token rejected (verify) or Deny policy (authorize)");
    list.put(" " + USAGE, "usage error: unknown option, bad option value, no principal (sign)");
    list.put(" " + BAD_INPUT, "bad input: unreadable file, malformed token or JSON, no secret");
    list.put(" " + WEAK_KEY, "weak key: fewer than 32 bytes");
    list.put(" " + UNAUTHORIZED, "Unauthorized (authorize): API Gateway would answer 401");
    list.put(String.valueOf(INTERNAL), "internal error (a bug: please report it)");
    return list;
  }
}
