// Shared plumbing of sign.mjs and verify.mjs: argument and stdin handling, and the misuse exit.

export const LIBRARIES = ['jsonwebtoken', 'jose'];

/** Exit code for script misuse: wrong arguments, stdin that is not the expected JSON object. */
const USAGE = 2;

/** Prints one line on stderr and exits non-zero: only for misuse, never for a token that fails. */
export function misuse(message) {
  process.stderr.write(`${message}\n`);
  process.exit(USAGE);
}

/** The library named by the only argument, or a usage error. */
export function libraryArgument(script) {
  const args = process.argv.slice(2);
  if (args.length !== 1 || !LIBRARIES.includes(args[0])) {
    misuse(`usage: node interop/${script} <${LIBRARIES.join('|')}>  (request JSON on stdin)`);
  }
  return args[0];
}

/** Reads stdin whole and parses it as one JSON object whose `options`, when present, is an object too. */
export async function readRequest(required) {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  let request;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    misuse(`stdin is not JSON: ${e.message}`);
  }
  if (!isObject(request)) {
    misuse('stdin must be a JSON object');
  }
  for (const [name, type] of Object.entries(required)) {
    if (typeof request[name] !== type || (type === 'object' && !isObject(request[name]))) {
      misuse(`stdin: "${name}" must be a JSON ${type}`);
    }
  }
  const options = request.options ?? {};
  if (!isObject(options)) {
    misuse('stdin: "options" must be a JSON object');
  }
  return { ...request, options };
}

/** Rejects option names the script does not know, so a typo cannot silently change a test. */
export function requireKnownOptions(options, known) {
  const unknown = Object.keys(options).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    misuse(`unknown option(s): ${unknown.join(', ')} (known: ${known.join(', ')})`);
  }
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
