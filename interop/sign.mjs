// Mints a JWT with npm's jsonwebtoken or jose, each used the way its own documentation shows.
//
//   echo '{"secret":"...","payload":{...},"options":{...}}' | node interop/sign.mjs <jsonwebtoken|jose>
//
// Prints the token. Options: algorithm (default HS256; HS* sign with the secret's UTF-8 bytes, RS*/PS*/ES*
// with a freshly generated key pair, none makes an unsecured JWT), expiresIn (jsonwebtoken style: "1h", "-5m"
// or a number of seconds), noTimestamp (no iat), header (extra header parameters such as kid), and jsonwebtoken's
// issuer, audience, subject, notBefore. Exit 0 with the token; non-zero, with one line on stderr, on misuse or
// when the library refuses the request.
import { generateKeyPairSync } from 'node:crypto';
import jsonwebtoken from 'jsonwebtoken';
import * as jose from 'jose';
import { libraryArgument, misuse, readRequest, requireKnownOptions } from './io.mjs';

const OPTIONS = ['algorithm', 'expiresIn', 'noTimestamp', 'header', 'issuer', 'audience', 'subject', 'notBefore'];

const library = libraryArgument('sign.mjs');
const { secret, payload, options } = await readRequest({ secret: 'string', payload: 'object' });
requireKnownOptions(options, OPTIONS);
const algorithm = options.algorithm ?? 'HS256';

try {
  const token = library === 'jsonwebtoken'
    ? signWithJsonwebtoken(secret, payload, options, algorithm)
    : await signWithJose(secret, payload, options, algorithm);
  process.stdout.write(`${token}\n`);
} catch (e) {
  misuse(`${library} refused to sign: ${e.name}: ${e.message}`);
}

function signWithJsonwebtoken(secret, payload, options, algorithm) {
  return jsonwebtoken.sign(payload, jsonwebtokenKey(secret, algorithm), { ...options, algorithm });
}

/** jsonwebtoken takes the secret string as is (its UTF-8 bytes), a private KeyObject, or nothing for none. */
function jsonwebtokenKey(secret, algorithm) {
  if (algorithm === 'none') {
    return null;
  }
  if (algorithm.startsWith('HS')) {
    return secret;
  }
  if (/^(RS|PS)/.test(algorithm)) {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
  const curves = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
  if (curves[algorithm]) {
    return generateKeyPairSync('ec', { namedCurve: curves[algorithm] }).privateKey;
  }
  throw new Error(`no key for algorithm ${algorithm}`);
}

async function signWithJose(secret, payload, options, algorithm) {
  const jwt = algorithm === 'none' ? new jose.UnsecuredJWT(payload) : new jose.SignJWT(payload);
  // jsonwebtoken adds iat unless told not to; jose only when asked: ask, to mint the same claims.
  if (!options.noTimestamp && payload.iat === undefined) {
    jwt.setIssuedAt();
  }
  if (options.expiresIn !== undefined) {
    jwt.setExpirationTime(joseTime(options.expiresIn));
  }
  if (options.notBefore !== undefined) {
    jwt.setNotBefore(joseTime(options.notBefore));
  }
  if (options.issuer !== undefined) {
    jwt.setIssuer(options.issuer);
  }
  if (options.audience !== undefined) {
    jwt.setAudience(options.audience);
  }
  if (options.subject !== undefined) {
    jwt.setSubject(options.subject);
  }
  if (algorithm === 'none') {
    if (options.header !== undefined) {
      misuse('jose\'s UnsecuredJWT takes no header parameters');
    }
    return jwt.encode();
  }
  jwt.setProtectedHeader({ ...options.header, alg: algorithm });
  const key = algorithm.startsWith('HS')
    ? new TextEncoder().encode(secret)
    : (await jose.generateKeyPair(algorithm)).privateKey;
  return jwt.sign(key);
}

/** jsonwebtoken reads a number as seconds from now; jose reads a number as an absolute time, a string alike. */
function joseTime(value) {
  return typeof value === 'number' ? Math.floor(Date.now() / 1000) + value : value;
}
