package dev.tokengate.cli;

import dev.tokengate.core.config.ConfigException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes and one-line messages on stderr: usage errors exit 2, bad
 * input 3, weak keys 4, anything unexpected 70. No stack trace unless {@code --verbose}.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

  static final String VERBOSE = "--verbose";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    StringBuilder line = new StringBuilder(oneLine(ex.getMessage()));
    if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      List<String> suggestions = unmatched.getSuggestions();
      line.append(" (did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))))
          .append("?)");
    }
    line.append("; see '").append(command.getCommandSpec().qualifiedName()).append(" --help'");
    report(command, line.toString(), ex, Arrays.asList(args).contains(VERBOSE));
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    boolean verbose = isVerbose(parseResult);
    if (ex instanceof InputException) {
      report(command, ex.getMessage(), ex, verbose);
      return ExitCodes.BAD_INPUT;
    }
    if (ex instanceof ConfigException) {
      report(command, "invalid configuration: " + ex.getMessage(), ex, verbose);
      return ExitCodes.BAD_INPUT;
    }
    if (ex instanceof WeakKeyException) {
      report(command, ex.getMessage(), ex, verbose);
      return ExitCodes.WEAK_KEY;
    }
    report(command, "internal error (" + ex.getClass().getName() + "); please report it, with the output of"
        + " --verbose", ex, verbose);
    return ExitCodes.INTERNAL;
  }

  private static void report(CommandLine command, String message, Exception ex, boolean verbose) {
    PrintWriter err = command.getErr();
    // Messages may quote arguments (paths, values), which a script may have taken from elsewhere.
    err.println(command.getCommandSpec().qualifiedName() + ": " + TerminalText.escape(message));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  private static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "invalid command line";
    }
    String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
    // picocli starts some messages with "Error: "; our prefix already says it.
    return line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
  }
}
