package dev.tokengate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Base64;

/** The structure of the core library, checked on its compiled classes (docs/architecture.md states each rule). */
@AnalyzeClasses(packages = "dev.tokengate.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreIsAPlainLibrary = noClasses().should().dependOnClassesThat().resideInAnyPackage(
          "software.amazon..", "com.amazonaws..", "picocli..", "org.crac..", "org.slf4j..",
          "dev.tokengate.authorizer..", "dev.tokengate.cli..", "dev.tokengate.localgateway..")
      .because("core is the library that adapters (the Lambda, the CLI) and users build on");

  @ArchTest
  static final ArchRule onlyTheJwsParserDecodesTokenSegments = noClasses()
      .that().resideOutsideOfPackage("dev.tokengate.core.jws")
      .should().dependOnClassesThat().belongToAnyOf(Base64.Decoder.class)
      .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.tokengate.core.jws.Base64Url")
      .because("a token is read once, strictly, by StrictJws: a second decoder could read it differently");

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching("dev.tokengate.core.(*)..").should().beFreeOfCycles();
}
