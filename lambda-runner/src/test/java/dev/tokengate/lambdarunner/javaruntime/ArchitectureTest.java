package dev.tokengate.lambdarunner.javaruntime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The pure-Java runtime runs in a function's JVM, where the JDK and AWS's two runtime libraries are all there is. */
@AnalyzeClasses(packages = "dev.tokengate.lambdarunner.javaruntime",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule usesOnlyTheJdkAndTheLambdaRuntimeLibraries = classes()
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "dev.tokengate.lambdarunner.javaruntime", "java..", "javax..",
          "com.amazonaws.services.lambda.runtime", "com.amazonaws.services.lambda.runtime.logging",
          "com.amazonaws.services.lambda.runtime.serialization..")
      .because("a function's JVM has aws-lambda-java-core and aws-lambda-java-serialization beside this package,"
          + " nothing else of lambda-runner and none of its libraries");
}
