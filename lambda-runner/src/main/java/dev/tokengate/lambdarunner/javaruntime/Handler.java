package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;

/** A loaded handler, whatever its kind, seen as a stream handler: event bytes in, response bytes out. */
@FunctionalInterface
interface Handler {

  /**
   * Runs the function once.
   *
   * @throws Exception what the function threw (an {@link Error} too), unwrapped from reflection; a
   *     {@link HandlerFault} when the handler could not be loaded
   */
  void handle(InputStream event, OutputStream response, Context context) throws Exception;
}
