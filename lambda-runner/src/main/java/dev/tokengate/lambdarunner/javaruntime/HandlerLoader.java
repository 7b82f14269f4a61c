package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a function's handler and makes it callable, by the rules of the Java runtime (the runtime client's
 * {@code AWSLambda} and {@code EventHandlerLoader}):
 * <ul>
 *   <li>{@code package.Class}: a {@link RequestStreamHandler} gets the event's bytes; a {@link RequestHandler} gets
 *       it deserialized to its input type and its answer serialized from its output type (see {@link Serializers});
 *   <li>{@code package.Class::method}: the public methods of that name, non-bridge ones first, then the longest
 *       signature (one ending in {@link Context} counts one more); the first of the runtime's signatures wins:
 *       {@code (InputStream, OutputStream, Context)}, {@code (InputStream, OutputStream)},
 *       {@code (OutputStream, Context)}, {@code (InputStream, Context)}, {@code (InputStream)},
 *       {@code (OutputStream)}, {@code (Context)}, {@code (T, Context)}, {@code (T)}, {@code ()};
 *   <li>an instance from the public no-argument constructor, unless the method is static.
 * </ul>
 * A constructor or static initializer that throws is a fatal {@link HandlerFault} (an init error); a handler that
 * cannot be found or used answers each invocation with its fault instead. Not thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html">Define Lambda function handler in
 *     Java</a>
 */
final class HandlerLoader {

  private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

  /** The order in which the runtime client tries methods of the handler's name. */
  private static final Comparator<Method> PRIORITY = Comparator.comparing(Method::isBridge)
      .thenComparing(Comparator.comparingInt(HandlerLoader::weight).reversed());

  private final ClassLoader functionLoader;
  private final Serializers serializers;

  HandlerLoader(ClassLoader functionLoader) {
    this.functionLoader = functionLoader;
    this.serializers = new Serializers(functionLoader);
  }

  /**
   * The function's class loader, as Lambda builds it: the task root's classes, then its {@code lib/*.jar} in name
   * order, in front of {@code parent} (which holds aws-lambda-java-core, so that the function shares the runtime's
   * copy). Lambda also adds the layers' {@code /opt/java/lib}; there are no layers locally.
   *
   * @throws IOException when {@code lib/} cannot be listed
   */
  static URLClassLoader functionClassLoader(Path taskRoot, ClassLoader parent) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(taskRoot.toUri().toURL());
    Path lib = taskRoot.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> files = Files.list(lib)) {
        for (Path jar : files.filter(file -> name(file).endsWith(".jar")).sorted(Comparator.comparing(HandlerLoader::name))
            .toList()) {
          urls.add(jar.toUri().toURL());
        }
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), parent);
  }

  private static String name(Path file) {
    return String.valueOf(file.getFileName());
  }

  /**
   * Loads the handler named {@code handler} ({@code package.Class} or {@code package.Class::method}).
   *
   * @throws HandlerFault a fatal one: the class's static initializer or constructor threw
   */
  Handler load(String handler) throws HandlerFault {
    int separator = handler.lastIndexOf("::");
    String className = separator < 0 ? handler : handler.substring(0, separator);
    String methodName = separator < 0 ? null : handler.substring(separator + 2);
    if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
      return failing(HandlerFault.message("Invalid handler: `" + handler + "'"));
    }
    Class<?> type;
    try {
      type = Class.forName(className, true, functionLoader);
    } catch (ClassNotFoundException e) {
      return failing(HandlerFault.of("Class not found: " + className, e, false));
    } catch (NoClassDefFoundError e) {
      // The runtime client reports this one on the first invocation, and then ends.
      return failing(HandlerFault.of(loadingError(className, e), e, true));
    } catch (LinkageError | RuntimeException e) {
      throw HandlerFault.of(loadingError(className, e), e, true);
    }
    try {
      return methodName == null ? ofClass(type) : ofMethod(type, methodName);
    } catch (HandlerFault fault) {
      if (fault.fatal()) {
        throw fault;
      }
      return failing(fault);
    } catch (RuntimeException | LinkageError e) {
      return failing(HandlerFault.of(e, false));
    }
  }

  private static String loadingError(String className, Throwable e) {
    return "Error loading class " + className + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static Handler failing(HandlerFault fault) {
    return (event, response, context) -> {
      throw fault;
    };
  }

  private Handler ofClass(Class<?> type) throws HandlerFault {
    if (RequestStreamHandler.class.isAssignableFrom(type)) {
      RequestStreamHandler instance = (RequestStreamHandler) instantiate(type);
      return instance::handleRequest;
    }
    if (RequestHandler.class.isAssignableFrom(type)) {
      Optional<Type[]> types = typeArguments(type, Map.of(), RequestHandler.class);
      if (types.isEmpty()) {
        throw HandlerFault.message(
            "Class " + type.getName() + " does not implement RequestHandler with concrete type parameters");
      }
      for (Type parameter : types.get()) {
        if (parameter instanceof TypeVariable<?> variable
            && Arrays.stream(variable.getBounds()).allMatch(Object.class::equals)) {
          throw HandlerFault.message("Class " + type.getName() + " does not implement RequestHandler with concrete"
              + " type parameters: parameter " + variable + " has no upper bound.");
        }
      }
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> instance = (RequestHandler<Object, Object>) instantiate(type);
      return pojo(instance::handleRequest, types.get()[0], types.get()[1]);
    }
    throw HandlerFault.message("Class does not implement an appropriate handler interface: " + type.getName());
  }

  private Handler ofMethod(Class<?> type, String methodName) throws HandlerFault {
    Method[] methods;
    try {
      methods = type.getMethods();
    } catch (NoClassDefFoundError e) {
      throw HandlerFault.of("Error loading method " + methodName + " on class " + type.getName(), e, false);
    }
    List<Method> candidates = Arrays.stream(methods).filter(method -> method.getName().equals(methodName))
        .sorted(PRIORITY).toList();
    for (Method method : candidates) {
      Optional<Handler> handler = ofSignature(type, method);
      if (handler.isPresent()) {
        return handler.get();
      }
    }
    throw HandlerFault.message("No public method named " + methodName
        + " with appropriate method signature found on class " + type.getName());
  }

  /** The handler for {@code method} when its parameters are one of the runtime's signatures. */
  private Optional<Handler> ofSignature(Class<?> type, Method method) throws HandlerFault {
    Type[] parameters = method.getGenericParameterTypes();
    Type result = method.getGenericReturnType();
    boolean contextLast = parameters.length > 0 && isContext(parameters[parameters.length - 1]);
    switch (parameters.length) {
      case 0:
        return Optional.of(pojoMethod(type, method, null, result));
      case 1:
        if (parameters[0] == InputStream.class || parameters[0] == OutputStream.class) {
          return Optional.of(streamMethod(type, method));
        }
        return Optional.of(pojoMethod(type, method, contextLast ? null : parameters[0], result));
      case 2:
        if (parameters[0] == OutputStream.class || parameters[0] == InputStream.class) {
          boolean streams = parameters[0] == InputStream.class && parameters[1] == OutputStream.class;
          return streams || contextLast ? Optional.of(streamMethod(type, method)) : Optional.empty();
        }
        return contextLast && !isContext(parameters[0])
            ? Optional.of(pojoMethod(type, method, parameters[0], result)) : Optional.empty();
      case 3:
        return parameters[0] == InputStream.class && parameters[1] == OutputStream.class && contextLast
            ? Optional.of(streamMethod(type, method)) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** A method that reads and writes the bytes itself; "null" is the answer of one that has no output stream. */
  private Handler streamMethod(Class<?> type, Method method) throws HandlerFault {
    Object instance = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
    Class<?>[] parameters = method.getParameterTypes();
    boolean writes = Arrays.asList(parameters).contains(OutputStream.class);
    return (event, response, context) -> {
      Object[] arguments = new Object[parameters.length];
      for (int i = 0; i < parameters.length; i++) {
        arguments[i] = parameters[i] == InputStream.class ? event
            : parameters[i] == OutputStream.class ? response : context;
      }
      if (!Arrays.asList(parameters).contains(InputStream.class)) {
        event.close();
      }
      call(method, instance, arguments);
      if (!writes) {
        response.write(JSON_NULL);
      }
    };
  }

  /** A method that takes the deserialized event (when it has an input) and the context (when it asks for it). */
  private Handler pojoMethod(Class<?> type, Method method, Type input, Type output) throws HandlerFault {
    Object instance = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
    Type[] parameters = method.getGenericParameterTypes();
    return pojo((event, context) -> {
      Object[] arguments = new Object[parameters.length];
      for (int i = 0; i < parameters.length; i++) {
        arguments[i] = isContext(parameters[i]) ? context : event;
      }
      return call(method, instance, arguments);
    }, input, output);
  }

  /** The function as the runtime calls a POJO handler. */
  @FunctionalInterface
  private interface PojoCall {
    Object call(Object input, Context context) throws Exception;
  }

  /**
   * Wraps a POJO handler: its serializers are created now, at init, as the runtime client does; "null" is the
   * answer of one whose output type is void. A JSON failure is a {@link RuntimeException} with the runtime
   * client's message, which is what the function's caller sees as the error.
   *
   * @param input null when the handler takes no event
   */
  private Handler pojo(PojoCall function, Type input, Type output) {
    PojoSerializer<Object> reader = input == null ? null : serializers.forType(input);
    PojoSerializer<Object> writer = isVoid(output) ? null : serializers.forType(output);
    return (event, response, context) -> {
      Object value = null;
      if (reader != null) {
        try {
          value = reader.fromJson(event);
        } catch (RuntimeException | LinkageError e) {
          throw new RuntimeException("An error occurred during JSON parsing", ErrorReport.withoutRuntimeFrames(e));
        }
      }
      Object answer = function.call(value, context);
      if (writer == null) {
        response.write(JSON_NULL);
        return;
      }
      try {
        writer.toJson(answer, response);
      } catch (RuntimeException | LinkageError e) {
        throw new RuntimeException("An error occurred during JSON serialization of response", e);
      }
    };
  }

  /**
   * Calls {@code method}; what it throws comes out as it is, not wrapped by reflection (only a {@link Throwable}
   * that is neither an exception nor an error, which no Java code should throw, stays wrapped).
   */
  private static Object call(Method method, Object instance, Object[] arguments) throws Exception {
    try {
      return method.invoke(instance, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception exception) {
        throw exception;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private static Object instantiate(Class<?> type) throws HandlerFault {
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      // A plain Exception, as the runtime client reports it: its type is what the caller sees.
      if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
        throw HandlerFault.of(new Exception(
            "Class " + type.getName() + " cannot be instantiated because it is a non-static inner class"), false);
      }
      throw HandlerFault.of(new Exception(
          "Class " + type.getName() + " has no public zero-argument constructor", e), false);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw HandlerFault.of(e.getCause() == null ? e : e.getCause(), true);
    } catch (InstantiationException | IllegalAccessException e) {
      throw HandlerFault.of(e, false);
    }
  }

  private static boolean isContext(Type type) {
    return Context.class.equals(type);
  }

  private static boolean isVoid(Type type) {
    return void.class.equals(type) || Void.class.equals(type);
  }

  /** A method's signature length, a trailing {@link Context} counting one more, as the runtime client ranks. */
  private static int weight(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    boolean contextLast = parameters.length > 0 && isContext(parameters[parameters.length - 1]);
    return parameters.length + (contextLast ? 1 : 0);
  }

  /**
   * The type arguments with which {@code type} implements {@code generic}, with the type variables of the classes
   * in between resolved; empty when it implements it raw.
   *
   * @param bindings what the type variables of {@code type} stand for
   */
  static Optional<Type[]> typeArguments(Class<?> type, Map<TypeVariable<?>, Type> bindings, Class<?> generic) {
    List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      supertypes.add(type.getGenericSuperclass());
    }
    for (Type supertype : supertypes) {
      Optional<Type[]> found = Optional.empty();
      if (supertype instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
          && generic.isAssignableFrom(raw)) {
        Type[] arguments = parameterized.getActualTypeArguments().clone();
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = bindings.getOrDefault(arguments[i], arguments[i]);
        }
        if (raw == generic) {
          return Optional.of(arguments);
        }
        Map<TypeVariable<?>, Type> inherited = new HashMap<>();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
          inherited.put(variables[i], arguments[i]);
        }
        found = typeArguments(raw, inherited, generic);
      } else if (supertype instanceof Class<?> raw && raw != generic && generic.isAssignableFrom(raw)) {
        found = typeArguments(raw, Map.of(), generic);
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
