/**
 * A real PostgreSQL server for the pipeline test, from Debian's `postgresql` package (`.ci/run`
 * installs it): `initdb` into a temporary directory, `pg_ctl` start on a free loopback port, TLS
 * only (like RDS for PostgreSQL 15+), password authentication. Postgres refuses to run as root, so
 * as root the server runs as the `postgres` user the package creates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const DEBIAN_BIN_ROOT = '/usr/lib/postgresql';

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The CA that signed the server certificate (PEM): what the programs must verify against. */
  caPem: string;
  start(): void;
  stop(): void;
  /** Stops the server and deletes its data directory. */
  destroy(): void;
  log(): string;
}

/** The directory holding `initdb` and `pg_ctl`: on PATH, else the newest Debian version. */
export function findPostgresBinaries(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const versions = existsSync(DEBIAN_BIN_ROOT)
    ? readdirSync(DEBIAN_BIN_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = path.join(DEBIAN_BIN_ROOT, version, 'bin');
    if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    `PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under ${DEBIAN_BIN_ROOT}/*/bin: ` +
      'install Debian\'s postgresql package (apt-get install postgresql), as .ci/run does',
  );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface RunAs {
  uid?: number;
  gid?: number;
  wrap(command: string, args: string[]): [string, string[]];
}

/** Root runs the server as `postgres` (initdb refuses root); anyone else runs it as themselves. */
function serverUser(): RunAs {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root, but there is no postgres user to run the server as: install Debian\'s postgresql package');
  return {
    uid: Number(id.stdout.trim()),
    gid: Number(gid.stdout.trim()),
    wrap: (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]],
  };
}

function run(runAs: RunAs, command: string, args: string[]): void {
  const [file, argv] = runAs.wrap(command, args);
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  }
}

/** A test CA and a server certificate for 127.0.0.1 and localhost, as RDS's are for its host names. */
function writeCertificates(dir: string): { caPem: string; certFile: string; keyFile: string } {
  const ca = path.join(dir, 'ca');
  const server = path.join(dir, 'server');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=reference pipeline test CA', '-keyout', `${ca}.key`, '-out', `${ca}.pem`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', ...ec, '-subj', '/CN=localhost', '-keyout', `${server}.key`, '-out', `${server}.csr`]);
  writeFileSync(`${server}.ext`, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-in', `${server}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2',
    '-extfile', `${server}.ext`, '-out', `${server}.crt`]);
  return { caPem: readFileSync(`${ca}.pem`, 'utf8'), certFile: `${server}.crt`, keyFile: `${server}.key` };
}

export async function startPostgres(credentials: { user: string; password: string }): Promise<PostgresServer> {
  const bin = findPostgresBinaries();
  const runAs = serverUser();
  const root = mkdtempSync(path.join(tmpdir(), 'reference-pipeline-pg-'));
  const data = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const { caPem, certFile, keyFile } = writeCertificates(root);
  const passwordFile = path.join(root, 'password');
  writeFileSync(passwordFile, `${credentials.password}\n`);
  chmodSync(root, 0o755);
  chmodSync(keyFile, 0o600);
  if (runAs.uid !== undefined) {
    for (const file of [root, keyFile, certFile, passwordFile]) chownSync(file, runAs.uid, runAs.gid!);
  }

  run(runAs, path.join(bin, 'initdb'), ['-D', data, '-U', credentials.user, `--pwfile=${passwordFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // TLS only over TCP, as RDS's rds.force_ssl; nothing but loopback listens.
  writeFileSync(path.join(data, 'pg_hba.conf'), [
    'local all all trust',
    'hostssl all all 127.0.0.1/32 scram-sha-256',
    'hostnossl all all 0.0.0.0/0 reject',
    '',
  ].join('\n'));
  const settings = {
    port: String(port),
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: `'${root}'`,
    ssl: 'on',
    ssl_cert_file: `'${certFile}'`,
    ssl_key_file: `'${keyFile}'`,
    fsync: 'off',
    max_connections: '60',
  };
  writeFileSync(path.join(data, 'postgresql.conf'), `${readFileSync(path.join(data, 'postgresql.conf'), 'utf8')}\n${Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`);

  const pgCtl = path.join(bin, 'pg_ctl');
  let running = false;
  const server: PostgresServer = {
    host: '127.0.0.1',
    port,
    ...credentials,
    caPem,
    start() {
      run(runAs, pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '30', 'start']);
      running = true;
    },
    stop() {
      if (!running) return;
      run(runAs, pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    destroy() {
      try {
        server.stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
  try {
    server.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return server;
}
