package dev.tokengate.localgateway;

import java.util.Optional;

/**
 * A method on a resource, from an {@code Api} event of a function.
 *
 * @param method {@code GET}, {@code POST}, ... or {@code ANY}
 * @param resource the resource path as declared, with {@code {name}} and {@code {name+}} parameters
 * @param authorizer empty for a public route ({@code Auth: Authorizer: NONE}, or no authorizer configured)
 */
record Route(String method, String resource, String functionName, RestApi api, Optional<TokenAuthorizer> authorizer) {}
