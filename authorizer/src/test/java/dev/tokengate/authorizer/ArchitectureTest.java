package dev.tokengate.authorizer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Base64;

/** The structure of the Lambda adapter, checked on its compiled classes (docs/architecture.md states each rule). */
@AnalyzeClasses(packages = "dev.tokengate.authorizer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheSecretsManagerFetcherTouchesTheSdk = noClasses()
      .that().doNotHaveFullyQualifiedName("dev.tokengate.authorizer.secrets.SecretsManagerFetcher")
      .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
      .because("a cold start with JWT_SECRET must not load one class of the AWS SDK");

  @ArchTest
  static final ArchRule decodesNoTokenSegments = noClasses()
      .should().dependOnClassesThat().belongToAnyOf(Base64.Decoder.class)
      .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.tokengate.core.jws.Base64Url")
      .because("tokens are read by core's StrictJws alone");

  @ArchTest
  static final ArchRule keySourcesDoNotReachBackIntoTheHandler = noClasses()
      .that().resideInAPackage("dev.tokengate.authorizer.secrets")
      .should().dependOnClassesThat().haveFullyQualifiedName("dev.tokengate.authorizer.AuthorizerHandler")
      .because("the handler builds its key source, never the other way round");
}
