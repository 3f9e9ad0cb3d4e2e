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
  return new pg.Pool({
    host: requireEnv('DB_HOST'),
    port: Number(process.env.DB_PORT ?? 5432),
    database: requireEnv('DB_NAME'),
    user: requireEnv('DB_USER'),
    password: requireEnv('DB_PASSWORD'),
    ssl: { ca: readFileSync(new URL('../rds-ca.pem', import.meta.url), 'utf8'), rejectUnauthorized: true },
    max: 5,
    idleTimeoutMillis: 30_000,
  });
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
