package dev.tokengate.localgateway;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;

/** What local-gateway prints once it serves: the routes, and with a generated key, how to call them. */
final class Banner {

  private Banner() {}

  static void print(LocalApi api, Path template, PrintWriter out, Clock clock) {
    out.println("local-gateway: serving " + template + " on " + api.baseUrl() + " (Ctrl-C stops it)");
    api.template().routes().stream()
        .sorted(Comparator.comparing(Route::resource).thenComparing(Route::method))
        .forEach(route -> out.printf("  %-6s %-24s -> %s%s%n", route.method(), route.resource(),
            route.functionName(), route.authorizer()
                .map(a -> "  (authorizer " + a.name() + ", policy cache " + a.ttl().toSeconds() + " s)")
                .orElse("  (public)")));
    api.devSecret().ifPresent(secret -> printDevSecret(api, secret, out, clock));
    out.println("local-gateway listening on " + api.baseUrl());
  }

  /**
   * The generated key is printed once, on purpose: it only protects this local run, and whoever started it needs
   * it to sign their own tokens.
   */
  private static void printDevSecret(LocalApi api, DevSecret secret, PrintWriter out, Clock clock) {
    Optional<Route> protectedRoute = api.template().routes().stream()
        .filter(route -> route.authorizer().isPresent() && !route.resource().contains("{"))
        .sorted(Comparator.comparing(Route::resource))
        .findFirst();
    out.println();
    out.println("No JWT_SECRET was set, so this run uses a generated development key. It is for local use only,");
    out.println("never for a deployment, and it is gone when local-gateway stops:");
    out.println("  export JWT_SECRET='" + secret.value() + "'");
    protectedRoute.ifPresent(route -> {
      String token = secret.mintToken(api.authorizerVariable(route, "JWT_ISSUER"),
          api.authorizerVariable(route, "JWT_AUDIENCE"), clock);
      String method = route.method().equals("ANY") ? "GET" : route.method();
      out.println("A token signed with it (sub=" + DevSecret.SUBJECT + ", valid "
          + DevSecret.TOKEN_LIFETIME.toMinutes() + " min):");
      out.println("  curl -i -X " + method + " -H 'Authorization: Bearer " + token + "' " + api.baseUrl()
          + route.resource());
    });
    out.println();
  }
}
