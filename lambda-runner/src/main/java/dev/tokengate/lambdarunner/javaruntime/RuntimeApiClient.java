package dev.tokengate.lambdarunner.javaruntime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The runtime's side of the Lambda Runtime API (version 2018-06-01), over the JDK's HTTP client: fetch the next
 * event, post its response or its error, post an init error. Not thread-safe: one invocation at a time.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Using the Lambda runtime API for
 *     custom runtimes</a>
 */
final class RuntimeApiClient {

  private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
  private static final int ACCEPTED = 202;

  private final HttpClient http;
  private final URI runtime;

  /** @param address the value of {@code AWS_LAMBDA_RUNTIME_API}: host, port and any path in front of the API's */
  RuntimeApiClient(String address) {
    // HTTP/1.1, as the Runtime API speaks it: the JDK's default would first ask to upgrade to HTTP/2.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.runtime = URI.create("http://" + address + "/2018-06-01/runtime/");
  }

  /**
   * Waits for the next event, as long as it takes: AWS's reference says not to time out this request, because the
   * environment is frozen between events.
   *
   * @throws IOException when the API cannot be reached or does not hand out an event: the environment is gone
   */
  Invocation next() throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(runtime.resolve("invocation/next")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("the Runtime API answered " + response.statusCode() + " for the next invocation");
    }
    String requestId = header(response, "Lambda-Runtime-Aws-Request-Id")
        .orElseThrow(() -> new IOException("the Runtime API sent an event without a request id"));
    long deadline;
    try {
      deadline = Long.parseLong(header(response, "Lambda-Runtime-Deadline-Ms").orElse(""));
    } catch (NumberFormatException e) {
      throw new IOException("the Runtime API sent an event without a deadline", e);
    }
    return new Invocation(requestId, deadline, header(response, "Lambda-Runtime-Invoked-Function-Arn").orElse(""),
        header(response, "Lambda-Runtime-Trace-Id").orElse(null), response.body());
  }

  void respond(String requestId, byte[] payload) throws IOException, InterruptedException {
    post("invocation/" + requestId + "/response", payload, null);
  }

  void reportError(String requestId, ErrorReport error) throws IOException, InterruptedException {
    post("invocation/" + requestId + "/error", error.toJson(), error.errorType());
  }

  void reportInitError(ErrorReport error) throws IOException, InterruptedException {
    post("init/error", error.toJson(), error.errorType());
  }

  private void post(String path, byte[] body, String errorType) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(runtime.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (errorType != null && !errorType.isEmpty()) {
      request.header(ERROR_TYPE_HEADER, errorType);
    }
    int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != ACCEPTED) {
      throw new IOException("the Runtime API answered " + status + " to POST " + path);
    }
  }

  private static Optional<String> header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name);
  }
}
