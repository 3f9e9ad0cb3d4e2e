// Postgres access shared by the web and worker images. TLS is verified against the RDS CA bundle
// the Dockerfiles bake in (RDS for PostgreSQL 15+ rejects unencrypted connections by default).
import { readFileSync } from 'node:fs';
import pg from 'pg';

const SCHEMA_LOCK_ID = 727001;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS uploads (
  id           uuid PRIMARY KEY,
  object_key   text NOT NULL UNIQUE,
  content_type text NOT NULL,
  status       text NOT NULL DEFAULT 'awaiting-upload',
  size_bytes   bigint,
  sha256       text,
  attempts     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  claimed_at   timestamptz,
  processed_at timestamptz
)`;

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

export function createPool() {
  const pool = new pg.Pool({
    host: requireEnv('DB_HOST'),
    port: Number(process.env.DB_PORT ?? 5432),
    database: requireEnv('DB_NAME'),
    user: requireEnv('DB_USER'),
    password: requireEnv('DB_PASSWORD'),
    ssl: { ca: readFileSync(new URL('../rds-ca.pem', import.meta.url), 'utf8'), rejectUnauthorized: true },
    max: 5,
    idleTimeoutMillis: 30_000,
    // Without a bound, a request waits forever for a connection to an unreachable database.
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection dropped by the server (restart, failover) is reported here; unheard, the
  // 'error' event would end the process. The pool replaces the connection on next use.
  pool.on('error', (error) => log('warn', 'idle database connection lost', { error: String(error) }));
  return pool;
}

/** True when the database answers a trivial query within `timeoutMs`: what the health check asks. */
export async function databaseReachable(pool, timeoutMs = 2_000) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Errors that mean "the database cannot be reached now" rather than "this query is wrong". */
export function isDatabaseUnavailable(error) {
  const code = String(error?.code ?? '');
  return (
    UNAVAILABLE_CODES.has(code) ||
    /^(08|57P)/.test(code) || // connection exceptions, operator intervention (shutdown, restart)
    /timeout exceeded when trying to connect|Connection terminated/i.test(String(error?.message ?? ''))
  );
}

/** Both services start with this; the advisory lock keeps two tasks from racing on CREATE TABLE. */
export async function ensureSchema(pool) {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_ID]);
    await client.query(SCHEMA);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}

export function log(level, message, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}
