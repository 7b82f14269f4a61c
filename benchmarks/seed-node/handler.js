// The seed article's authorizer ("Secure AWS Lambda: JWT Token Authentication Using Node JS"), kept as the
// baseline that tokengate's benchmarks compare against. Its code as published, with one change: the secret comes
// from the environment (JWT_SECRET) instead of the hard-coded 15-byte 'your-secret-key'. Its flaws (it logs the
// event and the token, returns {statusCode} objects that API Gateway answers with 500, scopes the Allow to one
// method) are kept on purpose: this is what is being measured, not something to deploy.
const jwt = require('jsonwebtoken');

async function handler(event, context) {
console.log(event)
const token = event.authorizationToken;

if (!token) {
return {
statusCode: 403,
body: JSON.stringify({ message: 'Token is required' })
};
}
const jwtToken = token.split(' ')[1]
console.log(jwtToken)
try {
const decoded = jwt.verify(jwtToken, process.env.JWT_SECRET);

return {
principalId: 'abcdef',
policyDocument: {
Version: '2012-10-17',
Statement: [
{
Action: 'execute-api:Invoke',
Effect: 'Allow',
Resource: event.methodArn
},
],
}
};
} catch (err) {
console.log(err)
return {
statusCode: 401,
body: JSON.stringify({ message: 'Unauthorized' })
};
}
};
exports.handler = handler;
