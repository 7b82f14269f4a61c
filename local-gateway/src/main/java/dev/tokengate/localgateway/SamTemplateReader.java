package dev.tokengate.localgateway;

import dev.tokengate.core.crypto.Sha256;
import dev.tokengate.lambdarunner.FunctionConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the parsed YAML of a SAM template into {@link SamTemplate}, applying {@code Globals} as SAM does, and
 * following an authorizer's {@code FunctionArn} into the local template of a nested
 * {@code AWS::Serverless::Application} ({@code !GetAtt App.Outputs.Name}), as tokengate's own template does.
 */
final class SamTemplateReader {

  private static final String FUNCTION = "AWS::Serverless::Function";
  private static final String API = "AWS::Serverless::Api";
  private static final String APPLICATION = "AWS::Serverless::Application";
  private static final String OUTPUTS = "Outputs.";
  /** The logical ID SAM gives the API it creates for Api events without a RestApiId. */
  private static final String IMPLICIT_API = "ServerlessRestApi";
  private static final int DEFAULT_MEMORY_MB = 128;
  private static final int DEFAULT_TIMEOUT_SECONDS = 3;
  private static final int DEFAULT_TTL_SECONDS = 300;
  private static final int MAX_TTL_SECONDS = 3600;
  private static final List<String> HTTP_METHODS =
      List.of("ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

  private final Path templateDir;
  private final Map<String, Object> resources;
  private final Map<String, Object> outputs;
  private final Map<String, Object> functionGlobals;
  private final Map<String, Object> apiGlobals;
  private final Intrinsics intrinsics;
  private final Map<String, RestApi> apis = new LinkedHashMap<>();
  private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();

  SamTemplateReader(Path template, Map<String, Object> yaml, Map<String, String> parameterOverrides) {
    this.templateDir = template.toAbsolutePath().getParent();
    this.resources = mapOf(yaml.get("Resources"), "Resources");
    this.outputs = mapOf(yaml.getOrDefault("Outputs", Map.of()), "Outputs");
    Map<String, Object> globals = mapOf(yaml.getOrDefault("Globals", Map.of()), "Globals");
    this.functionGlobals = mapOf(globals.getOrDefault("Function", Map.of()), "Globals.Function");
    this.apiGlobals = mapOf(globals.getOrDefault("Api", Map.of()), "Globals.Api");
    this.intrinsics = new Intrinsics(parameters(yaml, parameterOverrides),
        mapOf(yaml.getOrDefault("Conditions", Map.of()), "Conditions"));
  }

  SamTemplate read() {
    if (resources.isEmpty()) {
      throw new TemplateException("the template has no Resources");
    }
    List<Route> routes = new ArrayList<>();
    resources.forEach((name, resource) -> {
      if (FUNCTION.equals(typeOf(resource))) {
        routes.addAll(routesOf(name, properties(name, resource, functionGlobals)));
      }
    });
    if (routes.isEmpty()) {
      throw new TemplateException("the template declares no Api events: nothing to serve");
    }
    return new SamTemplate(routes, functions);
  }

  private List<Route> routesOf(String functionName, Map<String, Object> function) {
    List<Route> routes = new ArrayList<>();
    mapOf(function.getOrDefault("Events", Map.of()), functionName + ".Events").forEach((eventName, event) -> {
      Map<String, Object> eventMap = mapOf(event, functionName + ".Events." + eventName);
      if (!"Api".equals(eventMap.get("Type"))) {
        return;
      }
      String where = functionName + ".Events." + eventName;
      Map<String, Object> properties = mapOf(eventMap.getOrDefault("Properties", Map.of()), where);
      String path = requiredText(properties.get("Path"), where + ".Path");
      String method = httpMethod(requiredText(properties.get("Method"), where + ".Method"), where + ".Method");
      RestApi api = api(apiNameOf(properties.get("RestApiId"), where));
      Map<String, Object> apiProperties = apiProperties(api.logicalId());
      Optional<TokenAuthorizer> authorizer = authorizerOf(properties, apiProperties, api.logicalId(), where);
      function(functionName, function);
      routes.add(new Route(method, path, functionName, api, authorizer));
    });
    return routes;
  }

  /** The method in API Gateway's spelling; SAM takes any case ({@code get}), API Gateway knows these only. */
  private static String httpMethod(String text, String where) {
    return HTTP_METHODS.stream().filter(method -> Ascii.equalsIgnoreCase(method, text)).findFirst()
        .orElseThrow(() -> new TemplateException(where + " must be one of " + String.join(", ", HTTP_METHODS)
            + " (any case), got " + text));
  }

  private String apiNameOf(Object restApiId, String where) {
    if (restApiId == null) {
      return IMPLICIT_API;
    }
    return Intrinsics.referencedNames(restApiId).stream()
        .filter(name -> API.equals(typeOf(resources.get(name))))
        .findFirst()
        .orElseThrow(() -> new TemplateException(
            where + ".RestApiId must refer to an AWS::Serverless::Api of this template (!Ref MyApi)"));
  }

  private Optional<TokenAuthorizer> authorizerOf(
      Map<String, Object> event, Map<String, Object> api, String apiName, String where) {
    Map<String, Object> auth = mapOf(api.getOrDefault("Auth", Map.of()), apiName + ".Auth");
    Map<String, Object> eventAuth = mapOf(event.getOrDefault("Auth", Map.of()), where + ".Auth");
    Object chosen = eventAuth.containsKey("Authorizer") ? eventAuth.get("Authorizer") : auth.get("DefaultAuthorizer");
    if (chosen == null || "NONE".equals(chosen)) {
      return Optional.empty();
    }
    String name = requiredText(chosen, where + ".Auth.Authorizer");
    Map<String, Object> authorizers = mapOf(auth.getOrDefault("Authorizers", Map.of()), apiName + ".Auth.Authorizers");
    if (!authorizers.containsKey(name)) {
      throw new TemplateException(apiName + ": authorizer " + name + " is not declared in Auth.Authorizers"
          + ("AWS_IAM".equals(name) ? " (AWS_IAM authorization is not supported locally)" : ""));
    }
    return Optional.of(tokenAuthorizer(name, mapOf(authorizers.get(name), apiName + ".Auth.Authorizers." + name)));
  }

  private TokenAuthorizer tokenAuthorizer(String name, Map<String, Object> authorizer) {
    if (authorizer.containsKey("UserPoolArn")) {
      throw new TemplateException("authorizer " + name + " is a Cognito authorizer; local-gateway runs Lambda"
          + " TOKEN authorizers only");
    }
    String payload = intrinsics.text(authorizer.getOrDefault("FunctionPayloadType", "TOKEN")).orElse("TOKEN");
    if (!payload.equals("TOKEN")) {
      throw new TemplateException("authorizer " + name + " has FunctionPayloadType " + payload
          + "; local-gateway runs TOKEN authorizers only");
    }
    String functionName = authorizerFunction(name, authorizer.get("FunctionArn"));

    Map<String, Object> identity = mapOf(authorizer.getOrDefault("Identity", Map.of()), name + ".Identity");
    String header = intrinsics.text(identity.getOrDefault("Header", "Authorization")).orElse("Authorization");
    Optional<Pattern> validation = Optional.ofNullable(identity.get("ValidationExpression"))
        .map(expression -> compile(requiredText(expression, name + ".Identity.ValidationExpression"), name));
    String ttlText = requiredText(identity.getOrDefault("ReauthorizeEvery", DEFAULT_TTL_SECONDS),
        name + ".Identity.ReauthorizeEvery");
    int ttl;
    try {
      ttl = Integer.parseInt(ttlText);
    } catch (NumberFormatException e) {
      ttl = -1;
    }
    if (ttl < 0 || ttl > MAX_TTL_SECONDS) {
      throw new TemplateException("authorizer " + name + ": ReauthorizeEvery is " + ttlText
          + "; it must be a number of seconds from 0 to " + MAX_TTL_SECONDS);
    }
    return new TokenAuthorizer(name, functionName, header, validation, Duration.ofSeconds(ttl));
  }

  /**
   * Registers the function an authorizer's FunctionArn points at, in this template or behind an output of a
   * nested application, and returns its logical ID.
   */
  private String authorizerFunction(String authorizer, Object functionArn) {
    Optional<String> own = functionOf(functionArn);
    if (own.isPresent()) {
      function(own.get(), properties(own.get(), resources.get(own.get()), functionGlobals));
      return own.get();
    }
    LambdaFunction nested = nestedOutputOf(functionArn)
        .map(output -> nestedTemplate(output.getKey()).functionBehindOutput(output.getKey(), output.getValue()))
        .orElseThrow(() -> new TemplateException("authorizer " + authorizer + ": FunctionArn must refer to a"
            + " function of this template (!GetAtt MyFunction.Arn or !Ref MyFunction.Alias) or to an output of a"
            + " nested application (!GetAtt MyApp.Outputs.FunctionArn)"));
    LambdaFunction known = functions.putIfAbsent(nested.name(), nested);
    if (known != null && !known.equals(nested)) {
      throw new TemplateException("authorizer " + authorizer + ": the nested function " + nested.name()
          + " has the logical ID of another function; rename one of them");
    }
    return nested.name();
  }

  /** The application and output of {@code !GetAtt App.Outputs.Name}, in its short or long form. */
  private Optional<Map.Entry<String, String>> nestedOutputOf(Object functionArn) {
    if (!(functionArn instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey("Fn::GetAtt")) {
      return Optional.empty();
    }
    Object attribute = map.get("Fn::GetAtt");
    String text = attribute instanceof List<?> parts && parts.size() == 2
        ? parts.get(0) + "." + parts.get(1)
        : String.valueOf(attribute);
    int dot = text.indexOf('.');
    if (dot < 0 || !text.startsWith(OUTPUTS, dot + 1)
        || !APPLICATION.equals(typeOf(resources.get(text.substring(0, dot))))) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(text.substring(0, dot), text.substring(dot + 1 + OUTPUTS.length())));
  }

  /**
   * A reader of a nested application's local template, with the parameters the application passes that have a
   * local value; the others keep the nested template's defaults.
   */
  private SamTemplateReader nestedTemplate(String application) {
    Map<String, Object> properties = properties(application, resources.get(application), Map.of());
    if (!(properties.get("Location") instanceof String location) || location.contains("://")) {
      throw new TemplateException(application + ": Location must be the path of a local template"
          + " (local-gateway cannot run an application from the Serverless Application Repository or S3)");
    }
    Path template = templateDir.resolve(location).normalize();
    Map<String, Object> yaml = CloudFormationYaml.read(template);
    Map<String, Object> declared = mapOf(yaml.getOrDefault("Parameters", Map.of()), location + " Parameters");
    Map<String, String> values = new LinkedHashMap<>();
    mapOf(properties.getOrDefault("Parameters", Map.of()), application + ".Parameters").forEach((name, value) -> {
      if (!declared.containsKey(name)) {
        throw new TemplateException(application + ".Parameters." + name + ": " + location
            + " declares no parameter " + name);
      }
      if (!intrinsics.isNoValue(value)) {
        intrinsics.text(value).ifPresent(text -> values.put(name, text));
      }
    });
    return new SamTemplateReader(template, yaml, values);
  }

  /** The function an output of this (nested) template names, read with this template's Globals. */
  private LambdaFunction functionBehindOutput(String application, String output) {
    Object value = mapOf(outputs.get(output), application + ": output " + output).get("Value");
    String name = functionOf(value).orElseThrow(() -> new TemplateException(application + ": output " + output
        + " must exist and refer to a function of its template (!Ref MyFunction.Alias)"));
    function(name, properties(name, resources.get(name), functionGlobals));
    return functions.get(name);
  }

  /** The function a FunctionArn points at, also through SAM's alias references ({@code Fn.Alias}, {@code FnAliaslive}). */
  private Optional<String> functionOf(Object functionArn) {
    for (String reference : Intrinsics.referencedNames(functionArn)) {
      for (Map.Entry<String, Object> resource : resources.entrySet()) {
        String name = resource.getKey();
        boolean sameFunction = reference.equals(name)
            || reference.startsWith(name + "Alias") || reference.startsWith(name + "Version");
        if (sameFunction && FUNCTION.equals(typeOf(resource.getValue()))) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  private Pattern compile(String expression, String authorizer) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      throw new TemplateException("authorizer " + authorizer + ": ValidationExpression is not a valid regular"
          + " expression: " + e.getDescription());
    }
  }

  private RestApi api(String name) {
    RestApi known = apis.get(name);
    if (known != null) {
      return known;
    }
    Map<String, Object> properties = apiProperties(name);
    String stage = name.equals(IMPLICIT_API)
        ? "Prod"
        : requiredText(properties.get("StageName"), name + ".StageName");
    RestApi api = new RestApi(name, apiIdOf(name), stage, gatewayResponses(name, properties),
        apiKeyFromAuthorizer(name, properties.get("ApiKeySourceType")));
    apis.put(name, api);
    return api;
  }

  /** {@code ApiKeySourceType}: {@code HEADER} (API Gateway's default) or {@code AUTHORIZER}. */
  private boolean apiKeyFromAuthorizer(String apiName, Object source) {
    if (source == null || intrinsics.isNoValue(source)) {
      return false;
    }
    String text = requiredText(source, apiName + ".ApiKeySourceType");
    if (!text.equals("HEADER") && !text.equals("AUTHORIZER")) {
      throw new TemplateException(apiName + ".ApiKeySourceType is " + text + "; it must be HEADER or AUTHORIZER");
    }
    return text.equals("AUTHORIZER");
  }

  private Map<String, Object> apiProperties(String name) {
    return name.equals(IMPLICIT_API) ? apiGlobals : properties(name, resources.get(name), apiGlobals);
  }

  private GatewayResponses gatewayResponses(String apiName, Map<String, Object> api) {
    Map<String, GatewayResponses.Custom> custom = new LinkedHashMap<>();
    mapOf(api.getOrDefault("GatewayResponses", Map.of()), apiName + ".GatewayResponses").forEach((type, value) -> {
      String where = apiName + ".GatewayResponses." + type;
      Map<String, Object> response = mapOf(value, where);
      Optional<Integer> status = Optional.ofNullable(response.get("StatusCode"))
          .map(code -> statusCode(requiredText(code, where + ".StatusCode"), where));
      Map<String, Object> parameters = mapOf(response.getOrDefault("ResponseParameters", Map.of()), where);
      Map<String, String> headers = new LinkedHashMap<>();
      mapOf(parameters.getOrDefault("Headers", Map.of()), where + ".ResponseParameters.Headers")
          .forEach((header, mapping) -> {
            String text = requiredText(mapping, where + ".ResponseParameters.Headers." + header);
            if (!GatewayResponses.isSupportedHeaderMapping(text)) {
              throw new TemplateException(where + ": header " + header + " maps " + text + "; local-gateway supports"
                  + " 'static' values, method.request.header.*, method.request.querystring.* and context.*");
            }
            headers.put(header, text);
          });
      Map<String, Object> templates = mapOf(response.getOrDefault("ResponseTemplates", Map.of()), where);
      Object template = templates.containsKey("application/json")
          ? templates.get("application/json")
          : templates.values().stream().findFirst().orElse(null);
      custom.put(type, new GatewayResponses.Custom(status, headers,
          Optional.ofNullable(template).map(t -> requiredText(t, where + ".ResponseTemplates"))));
    });
    return new GatewayResponses(custom);
  }

  private static int statusCode(String text, String where) {
    try {
      int code = Integer.parseInt(text);
      if (code >= 100 && code <= 599) {
        return code;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TemplateException(where + ".StatusCode is " + text + "; it must be an HTTP status code");
  }

  private void function(String name, Map<String, Object> properties) {
    if (functions.containsKey(name)) {
      return;
    }
    Object runtime = properties.get("Runtime");
    if (runtime != null && !intrinsics.text(runtime).orElse("").startsWith("java")) {
      throw new TemplateException(name + ": Runtime " + intrinsics.text(runtime).orElse("?")
          + " is not a Java runtime; local-gateway runs Java functions only");
    }
    Object codeUri = properties.get("CodeUri");
    if (!(codeUri instanceof String path)) {
      throw new TemplateException(name + ": CodeUri must be a local path to the packaged artifact"
          + " (an S3 location cannot be run locally)");
    }
    String handler = requiredText(properties.get("Handler"), name + ".Handler");
    if (!FunctionConfiguration.isJavaHandler(handler)) {
      throw new TemplateException(name + ".Handler must be a Java handler such as example.Handler::handleRequest,"
          + " got " + handler);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    List<String> awsOnly = new ArrayList<>();
    Map<String, Object> env = mapOf(properties.getOrDefault("Environment", Map.of()), name + ".Environment");
    mapOf(env.getOrDefault("Variables", Map.of()), name + ".Environment.Variables").forEach((variable, value) -> {
      if (!intrinsics.isNoValue(value)) {
        intrinsics.text(value).ifPresentOrElse(text -> environment.put(variable, text), () -> awsOnly.add(variable));
      }
    });
    functions.put(name, new LambdaFunction(name, templateDir.resolve(path).normalize(), handler,
        number(properties.get("MemorySize"), DEFAULT_MEMORY_MB, name + ".MemorySize"),
        number(properties.get("Timeout"), DEFAULT_TIMEOUT_SECONDS, name + ".Timeout"),
        environment, awsOnly));
  }

  private int number(Object value, int fallback, String where) {
    if (value == null) {
      return fallback;
    }
    String text = requiredText(value, where);
    try {
      int number = Integer.parseInt(text);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TemplateException(where + " is " + text + "; it must be a positive number");
  }

  /** The resource's Properties with the matching Globals section merged in, as SAM does before deploying. */
  private Map<String, Object> properties(String name, Object resource, Map<String, Object> globals) {
    Map<String, Object> own = mapOf(mapOf(resource, name).getOrDefault("Properties", Map.of()), name + ".Properties");
    return merge(globals, own);
  }

  /** SAM's Globals rule: maps merge key by key, lists add up (globals first), anything else is overridden. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
    Map<String, Object> merged = new LinkedHashMap<>(globals);
    own.forEach((key, value) -> {
      Object global = merged.get(key);
      if (global instanceof Map && value instanceof Map && !isIntrinsic((Map<String, Object>) value)) {
        merged.put(key, merge((Map<String, Object>) global, (Map<String, Object>) value));
      } else if (global instanceof List && value instanceof List) {
        List<Object> both = new ArrayList<>((List<Object>) global);
        both.addAll((List<Object>) value);
        merged.put(key, both);
      } else {
        merged.put(key, value);
      }
    });
    return merged;
  }

  private static boolean isIntrinsic(Map<String, Object> value) {
    return value.size() == 1 && value.keySet().stream().allMatch(key -> key.equals("Ref") || key.startsWith("Fn::"));
  }

  private String requiredText(Object value, String where) {
    if (value == null) {
      throw new TemplateException(where + " is missing");
    }
    return intrinsics.text(value).orElseThrow(() -> new TemplateException(
        where + " has no local value (" + value + "); give its parameter a Default or pass --parameter NAME=VALUE"));
  }

  private static Map<String, String> parameters(Map<String, Object> yaml, Map<String, String> overrides) {
    Map<String, Object> declared = mapOf(yaml.getOrDefault("Parameters", Map.of()), "Parameters");
    for (String name : overrides.keySet()) {
      if (!declared.containsKey(name)) {
        throw new TemplateException("--parameter " + name + ": the template declares no parameter " + name
            + " (it has: " + String.join(", ", declared.keySet()) + ")");
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    declared.forEach((name, parameter) -> {
      Object fallback = mapOf(parameter, "Parameters." + name).get("Default");
      if (overrides.containsKey(name)) {
        values.put(name, overrides.get(name));
      } else if (fallback instanceof String || fallback instanceof Number || fallback instanceof Boolean) {
        values.put(name, fallback.toString());
      }
    });
    return values;
  }

  private static Object typeOf(Object resource) {
    return resource instanceof Map<?, ?> map ? map.get("Type") : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapOf(Object value, String where) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw new TemplateException(where + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  /** A 10-character lowercase ID, like API Gateway's, derived from the logical ID so it is stable across runs. */
  private static String apiIdOf(String logicalId) {
    return HexFormat.of().formatHex(Sha256.hash(logicalId.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
  }
}
