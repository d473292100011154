'use strict';
// A second, independent Snowflake client against the sandbox: the Node.js snowflake-sdk from npm. It logs in with a
// password and with a key pair, and as each of them runs SHOW ROLES, a SELECT the role may not run (Snowflake's
// 002003 "does not exist or not authorized") and one it may (the rows). Any mismatch ends the process with exit
// code 1 and one line saying what differed; a pass prints one "ok" line per check.
//
// Environment (all required unless marked optional):
//   SNOWFLAKE_ACCESS_URL        http://127.0.0.1:<port> (plain HTTP, as the sandbox speaks)
//   SNOWFLAKE_ACCOUNT           the sandbox's account name
//   SNOWFLAKE_USER, SNOWFLAKE_PASSWORD               the password login
//   SNOWFLAKE_KEY_USER, SNOWFLAKE_PRIVATE_KEY_PATH   the key-pair login (PKCS#8 PEM file)
//   SNOWFLAKE_PRIVATE_KEY_PASS  (optional) the passphrase of an encrypted key file
//   SNOWFLAKE_ROLE              a role each user's SHOW ROLES must list
//   SNOWFLAKE_REFUSED_SELECT    a SELECT of a table the role may not read: must fail with 002003 / 42S02
//   SNOWFLAKE_ALLOWED_SELECT    a SELECT that must return SNOWFLAKE_EXPECTED_ROWS
//   SNOWFLAKE_EXPECTED_ROWS     JSON array of row objects, e.g. [{"ID":1,"NAME":"a"}]

const snowflake = require('snowflake-sdk');

// A table the role may not read is reported exactly like a missing one: 002003 "Object '...' does not exist or not
// authorized.", SQLState 42S02 (a missing table in a query).
const INSUFFICIENT_PRIVILEGES = '002003';
const TABLE_NOT_FOUND_STATE = '42S02';

class Mismatch extends Error {}

function env(name, optional) {
  const value = process.env[name];
  if (!optional && (value === undefined || value === '')) {
    throw new Mismatch(`environment variable ${name} is not set`);
  }
  return value;
}

function connect(options) {
  const connection = snowflake.createConnection({
    accessUrl: env('SNOWFLAKE_ACCESS_URL'),
    account: env('SNOWFLAKE_ACCOUNT'),
    ...options,
  });
  // connect's callback carries a refused login; connectAsync's promise resolves either way.
  return new Promise((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve(connection))));
}

function execute(connection, sqlText) {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      complete: (err, statement, rows) => (err ? reject(err) : resolve(rows)),
    });
  });
}

function close(connection) {
  return new Promise((resolve, reject) => connection.destroy((err) => (err ? reject(err) : resolve())));
}

async function check(label, options) {
  let connection;
  try {
    connection = await connect(options);
  } catch (err) {
    throw new Mismatch(`${label}: login failed: ${err.code ?? ''} ${err.message}`);
  }
  try {
    const role = env('SNOWFLAKE_ROLE').toUpperCase();
    const roles = (await execute(connection, 'SHOW ROLES')).map((row) => row.name);
    if (!roles.includes(role)) {
      throw new Mismatch(`${label}: SHOW ROLES lists ${JSON.stringify(roles)}, not ${role}`);
    }
    console.log(`ok ${label}: SHOW ROLES lists ${role} among ${roles.length} roles`);

    const refused = env('SNOWFLAKE_REFUSED_SELECT');
    let refusal;
    try {
      const rows = await execute(connection, refused);
      throw new Mismatch(`${label}: "${refused}" returned ${JSON.stringify(rows)} instead of error ${INSUFFICIENT_PRIVILEGES}`);
    } catch (err) {
      if (err instanceof Mismatch) throw err;
      refusal = err;
    }
    // The SDK reports Snowflake's error code as the response's string, e.g. "002003".
    if (String(refusal.code) !== INSUFFICIENT_PRIVILEGES || refusal.sqlState !== TABLE_NOT_FOUND_STATE) {
      throw new Mismatch(`${label}: "${refused}" failed with code ${refusal.code} / SQLState ${refusal.sqlState} `
        + `(${refusal.message}), expected ${INSUFFICIENT_PRIVILEGES} / ${TABLE_NOT_FOUND_STATE}`);
    }
    console.log(`ok ${label}: refused with ${refusal.code} / ${refusal.sqlState}: ${refusal.message}`);

    const allowed = env('SNOWFLAKE_ALLOWED_SELECT');
    const expected = JSON.parse(env('SNOWFLAKE_EXPECTED_ROWS'));
    let rows;
    try {
      rows = await execute(connection, allowed);
    } catch (err) {
      throw new Mismatch(`${label}: "${allowed}" failed: ${err.code} / ${err.sqlState}: ${err.message}`);
    }
    if (JSON.stringify(rows) !== JSON.stringify(expected)) {
      throw new Mismatch(`${label}: "${allowed}" returned ${JSON.stringify(rows)}, expected ${JSON.stringify(expected)}`);
    }
    console.log(`ok ${label}: ${rows.length} rows ${JSON.stringify(rows)}`);
  } finally {
    await close(connection);
  }
}

async function main() {
  snowflake.configure({ logLevel: 'ERROR' });
  await check('password', {
    username: env('SNOWFLAKE_USER'),
    password: env('SNOWFLAKE_PASSWORD'),
  });
  await check('key pair', {
    username: env('SNOWFLAKE_KEY_USER'),
    authenticator: 'SNOWFLAKE_JWT',
    privateKeyPath: env('SNOWFLAKE_PRIVATE_KEY_PATH'),
    privateKeyPass: env('SNOWFLAKE_PRIVATE_KEY_PASS', true) || undefined,
  });
  console.log('node client: all checks passed');
}

main().catch((err) => {
  console.error(err instanceof Mismatch ? `node client: FAILED: ${err.message}` : `node client: ERROR: ${err.stack}`);
  process.exit(1);
});
