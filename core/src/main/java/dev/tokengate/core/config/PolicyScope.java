package dev.tokengate.core.config;

/** What an Allow policy covers ({@code POLICY_SCOPE}). */
public enum PolicyScope {
  /**
   * Every method and resource of the stage the request came to. The default, because API Gateway caches one
   * policy per token and reuses it for every route.
   */
  STAGE,
  /** Only the requested method and resource; for APIs that turn authorizer caching off. */
  METHOD
}
