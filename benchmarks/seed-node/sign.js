// Prints a token exactly as the seed article signs one: jwt.sign(payload, secret, { expiresIn: '1h' }),
// with JWT_SECRET as the secret.
'use strict';
const jwt = require('jsonwebtoken');

const payload = { userId: '123456789', username: 'example_user', role: 'admin' };
process.stdout.write(jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: '1h' }) + '\n');
