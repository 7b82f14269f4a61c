package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The template {@code cdk deploy} would deploy, as {@code App.synth()} writes it into the cloud assembly, passes
 * AWS's CloudFormation linter.
 */
@Tag("integration")
class ProtectedApiLintTest {

  @Test
  void cfnLintFindsNoErrorOrWarningInTheSynthesizedTemplate(@TempDir Path cloudAssembly) throws Exception {
    App app = App.Builder.create().outdir(cloudAssembly.toString()).build();
    ProtectedApiApp.build(app);
    CloudAssembly assembly = app.synth();
    Path template = Path.of(assembly.getStackByName(ProtectedApiApp.STACK_NAME).getTemplateFullPath());
    assertThat(Files.readString(template)).contains("AWS::ApiGateway::Authorizer");

    // Informational findings left out: CDK writes URLs and ARNs with Fn::Join where cfn-lint would prefer
    // Fn::Sub (I1022), which is CDK's choice, not this app's.
    CfnLint.Result lint = CfnLint.run(template);

    assertThat(lint.exitCode()).as("cfn-lint exit code; output:%n%s", lint.output()).isZero();
    assertThat(lint.output()).as("cfn-lint findings").isBlank();
  }
}
