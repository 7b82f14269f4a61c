// Verifies a JWT with npm's jsonwebtoken or jose, each used the way its own documentation shows.
//
//   echo '{"secret":"...","token":"...","options":{...}}' | node interop/verify.mjs <jsonwebtoken|jose>
//
// Prints {"valid":true,"payload":{...}} or {"valid":false,"error":"<name>: <message>"} and exits 0 in both
// cases; non-zero only on misuse. Options: algorithms, issuer, audience (each library's defaults apply when
// absent). The key is the secret's UTF-8 bytes.
import jsonwebtoken from 'jsonwebtoken';
import * as jose from 'jose';
import { libraryArgument, readRequest, requireKnownOptions } from './io.mjs';

const library = libraryArgument('verify.mjs');
const { secret, token, options } = await readRequest({ secret: 'string', token: 'string' });
requireKnownOptions(options, ['algorithms', 'issuer', 'audience']);

let result;
try {
  const payload = library === 'jsonwebtoken'
    ? jsonwebtoken.verify(token, secret, options)
    : (await jose.jwtVerify(token, new TextEncoder().encode(secret), options)).payload;
  result = { valid: true, payload };
} catch (e) {
  result = { valid: false, error: `${e.name}: ${e.message}` };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
