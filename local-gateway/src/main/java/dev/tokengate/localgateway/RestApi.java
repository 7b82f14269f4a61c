package dev.tokengate.localgateway;

/**
 * One REST API of the template (an {@code AWS::Serverless::Api} or SAM's implicit one).
 *
 * @param apiId a stable local stand-in for the 10-character API ID that appears in method ARNs
 * @param apiKeyFromAuthorizer whether its {@code ApiKeySourceType} is {@code AUTHORIZER}: the API key of a request
 *     is then the {@code usageIdentifierKey} of the authorizer's Allow, not the {@code X-API-Key} header
 */
record RestApi(
    String logicalId, String apiId, String stage, GatewayResponses gatewayResponses, boolean apiKeyFromAuthorizer) {}
