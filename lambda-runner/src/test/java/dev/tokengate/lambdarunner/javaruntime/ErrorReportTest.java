package dev.tokengate.lambdarunner.javaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.lambdarunner.testfunctions.TestFunctions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

  @Test
  void writesTheRuntimeClientsErrorDocumentWithTheFunctionsFramesOnly() throws Exception {
    JsonNode error = new ObjectMapper().readTree(ErrorReport.of(TestFunctions.failure("Unauthorized")).toJson());

    assertThat(error.get("errorMessage").asText()).isEqualTo("Unauthorized");
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.RuntimeException");
    // The frames below the function's own are this test's, in the runtime's package: cut, as the runtime's are.
    assertThat(error.get("stackTrace")).hasSize(1);
    assertThat(error.get("stackTrace").get(0).asText())
        .startsWith(TestFunctions.class.getName() + ".failure(TestFunctions.java:");
  }

  @Test
  void namesTheExceptionClassWhenItHasNoMessage() {
    ErrorReport report = ErrorReport.of(new IllegalStateException());

    assertThat(report.errorMessage()).isEqualTo("java.lang.IllegalStateException");
    assertThat(report.errorType()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void leavesOutWhatARuntimeFaultDoesNotHave() {
    assertThat(new String(ErrorReport.of("Class not found: a.B", "java.lang.ClassNotFoundException").toJson(),
        StandardCharsets.UTF_8))
        .isEqualTo("{\"errorMessage\":\"Class not found: a.B\",\"errorType\":\"java.lang.ClassNotFoundException\"}");
    assertThat(new String(ErrorReport.of("Invalid handler: `x'", null).toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"errorMessage\":\"Invalid handler: `x'\"}");
  }
}
