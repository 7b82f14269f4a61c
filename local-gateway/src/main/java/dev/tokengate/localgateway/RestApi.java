package dev.tokengate.localgateway;

/**
 * One REST API of the template (an {@code AWS::Serverless::Api} or SAM's implicit one).
 *
 * @param apiId a stable local stand-in for the 10-character API ID that appears in method ARNs
 */
record RestApi(String logicalId, String apiId, String stage, GatewayResponses gatewayResponses) {}
