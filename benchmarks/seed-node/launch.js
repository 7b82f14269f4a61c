// Runs the seed handler the way the benchmarks need it.
//   node launch.js cold EVENT_FILE         one invocation, as a Lambda cold start would do; prints the policy
//   node launch.js warm EVENT_FILE SECONDS  verifications per second of jwt.verify with the seed's arguments,
//                                           then full invocations per second (event JSON in, policy JSON out)
// JWT_SECRET must hold the key the event's token was signed with.
'use strict';
const fs = require('fs');

const [mode, eventFile, secondsArg] = process.argv.slice(2);
if (!eventFile || (mode !== 'cold' && mode !== 'warm')) {
  console.error('usage: node launch.js cold|warm EVENT_FILE [SECONDS]');
  process.exit(2);
}

async function cold() {
  const { handler } = require('./handler');
  const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
  const policy = await handler(event, {}); // logs the event and the token, as the seed does
  process.stdout.write(JSON.stringify(policy) + '\n');
}

// Runs fn in batches for the given time and returns calls per second.
async function rate(seconds, fn) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let calls = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) {
      await fn();
    }
    calls += 100;
    now = process.hrtime.bigint();
  }
  return calls / (Number(now - start) / 1e9);
}

async function warm() {
  const jwt = require('jsonwebtoken');
  const { handler } = require('./handler');
  const eventJson = fs.readFileSync(eventFile, 'utf8');
  const token = JSON.parse(eventJson).authorizationToken.split(' ')[1];
  const secret = process.env.JWT_SECRET;
  const seconds = Number(secondsArg || 10);
  console.log = () => {}; // the seed's per-call logging is not what is measured
  let policy;
  const verify = () => jwt.verify(token, secret);
  const full = async () => {
    policy = JSON.stringify(await handler(JSON.parse(eventJson), {}));
  };
  await rate(Math.min(2, seconds), verify); // warm-up
  const verifyRate = await rate(seconds, verify);
  await rate(Math.min(2, seconds), full);
  const fullRate = await rate(seconds, full);
  if (!policy.includes('"Allow"')) {
    throw new Error('the seed handler did not allow the benchmark token');
  }
  process.stdout.write(`verify ${verifyRate.toFixed(0)}\nfull ${fullRate.toFixed(0)}\n`);
}

(mode === 'cold' ? cold() : warm()).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
