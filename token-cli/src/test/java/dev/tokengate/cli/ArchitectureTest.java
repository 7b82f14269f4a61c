package dev.tokengate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Base64;

/** The structure of token-cli, checked on its compiled classes (docs/architecture.md states each rule). */
@AnalyzeClasses(packages = "dev.tokengate.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule decodesNoTokenSegments = noClasses()
      .should().dependOnClassesThat().belongToAnyOf(Base64.Decoder.class)
      .because("inspect and verify show what the authorizer reads: core's StrictJws decodes every token");

  @ArchTest
  static final ArchRule onlyAuthorizeRunsTheLambdaAdapter = noClasses()
      .that().doNotHaveSimpleName("AuthorizeCommand")
      .should().dependOnClassesThat().resideInAPackage("dev.tokengate.authorizer..")
      .because("everything else is core's; authorize runs the real Lambda handler on purpose");
}
