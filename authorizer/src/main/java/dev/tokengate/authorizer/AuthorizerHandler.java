package dev.tokengate.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda entry point of the TOKEN authorizer ({@code template.yaml} names this class).
 *
 * <p>Until token verification lands it fails closed: every request is answered with {@code Unauthorized}.
 */
public final class AuthorizerHandler implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    throw new RuntimeException("Unauthorized");
  }
}
