package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AWS's CloudFormation linter finds nothing to report in the SAM templates ({@code template.yaml}, the authorizer
 * stack it nests, the SAM example), down to informational findings, and no error or warning in the CloudFormation
 * the SAM translator generates from them, with the template's defaults, every option on and every option off.
 * cfn-lint 1.x checks SAM templates against SAM's own schema without translating them, so the second run, on each
 * set's translation, is what checks the generated resources.
 */
@Tag("integration")
class TemplateLintTest {

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void cfnLintFindsNothingInTheSamTemplate(TemplateOptions options) throws Exception {
    assertLintsClean(SamTranslation.TEMPLATE, withParameters(options.parameters()));
  }

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void cfnLintFindsNothingInTheAuthorizerStacksSamTemplate(TemplateOptions options) throws Exception {
    assertLintsClean(SamTranslation.AUTHORIZER_TEMPLATE, withParameters(options.authorizerParameters()));
  }

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void cfnLintFindsNoErrorOrWarningInTheGeneratedCloudFormation(TemplateOptions options) throws Exception {
    // Informational findings left out: the translator writes the partition of the region it runs in into ARNs
    // (I3042), which is right because CloudFormation runs it in the region being deployed to.
    assertLintsClean(SamTranslation.translateToFile(SamTranslation.TEMPLATE, options.name(), options.parameters()),
        List.of());
  }

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void cfnLintFindsNoErrorOrWarningInTheAuthorizerStacksGeneratedCloudFormation(TemplateOptions options)
      throws Exception {
    assertLintsClean(SamTranslation.translateToFile(SamTranslation.AUTHORIZER_TEMPLATE,
        "authorizer-" + options.name(), options.authorizerParameters()), List.of());
  }

  @Test
  void cfnLintFindsNothingInTheSamExample() throws Exception {
    assertLintsClean(SamTranslation.SAM_EXAMPLE_TEMPLATE, withParameters(Map.of()));
  }

  @Test
  void cfnLintFindsNoErrorOrWarningInTheSamExamplesGeneratedCloudFormation() throws Exception {
    // The transform writes the parameters' values into the authorizer it generates (as CloudFormation runs it,
    // with the values of the deployment), which leaves the parameters unused (W2001) and the import names' Fn::Sub
    // without a variable (W1020) in its output.
    assertLintsClean(SamTranslation.translateToFile(SamTranslation.SAM_EXAMPLE_TEMPLATE, "sam-existing-api",
        Map.of()), List.of("--ignore-checks", "W2001", "W1020"));
  }

  private static List<String> withParameters(Map<String, String> parameters) {
    List<String> arguments = new ArrayList<>(List.of("--include-checks", "I"));
    if (!parameters.isEmpty()) {
      arguments.add("--parameters");
      parameters.forEach((name, value) -> arguments.add(name + "=" + value));
    }
    return arguments;
  }

  private static void assertLintsClean(Path template, List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(ExternalTool.cfnLint().toString()));
    command.addAll(options);
    command.addAll(List.of("--", template.toString()));
    ExternalTool.Result lint = ExternalTool.run(command);

    assertThat(lint.exitCode()).as("cfn-lint %s: %s", template.getFileName(), lint.describe()).isZero();
    assertThat(lint.stdout()).as("cfn-lint findings").isBlank();
  }
}
