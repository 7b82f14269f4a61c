package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Picks the JSON serializer for a handler's input or output type as the runtime client does: the function's own
 * {@link CustomPojoSerializer} when it registers one; for AWS's event classes
 * ({@code com.amazonaws.services.lambda.runtime.events.*}), the event serializer of aws-lambda-java-serialization,
 * which reads the function's own copy of the class; for anything else, that library's Jackson POJO serializer.
 * (The client's Gson serializer for calls from the Android mobile SDK has no local use.) Not thread-safe.
 */
final class Serializers {

  private final ClassLoader functionLoader;
  private Optional<CustomPojoSerializer> custom;

  Serializers(ClassLoader functionLoader) {
    this.functionLoader = functionLoader;
  }

  /** @throws IllegalStateException when the function registers more than one custom serializer */
  PojoSerializer<Object> forType(Type type) {
    Optional<CustomPojoSerializer> own = custom();
    if (own.isPresent()) {
      return new Custom(own.get(), type);
    }
    if (type instanceof Class<?> eventClass && LambdaEventSerializers.isLambdaSupportedEvent(eventClass.getName())) {
      @SuppressWarnings("unchecked")
      Class<Object> raw = (Class<Object>) eventClass;
      return LambdaEventSerializers.serializerFor(raw, functionLoader);
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  private Optional<CustomPojoSerializer> custom() {
    if (custom == null) {
      Iterator<CustomPojoSerializer> found = ServiceLoader.load(CustomPojoSerializer.class, functionLoader).iterator();
      Optional<CustomPojoSerializer> first = found.hasNext() ? Optional.of(found.next()) : Optional.empty();
      if (found.hasNext()) {
        throw new IllegalStateException(
            "Too many serializers provided inside the META-INF/services folder, only one is allowed");
      }
      custom = first;
    }
    return custom;
  }

  /** A function's own serializer, for one type. */
  private record Custom(CustomPojoSerializer serializer, Type type) implements PojoSerializer<Object> {

    @Override
    public Object fromJson(InputStream input) {
      return serializer.fromJson(input, type);
    }

    @Override
    public Object fromJson(String input) {
      return serializer.fromJson(input, type);
    }

    @Override
    public void toJson(Object value, OutputStream output) {
      serializer.toJson(value, output, type);
    }
  }
}
