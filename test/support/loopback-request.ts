import type { IncomingMessage } from 'node:http';
import { HttpRequest } from '@smithy/protocol-http';

/**
 * The SDK request a loopback server received, as the SDK built it (`HttpRequest`), so the recorded
 * wire helpers can tell its service and operation. Shared by the tests' fake and the benchmark's.
 */
export function sdkRequestOf(req: IncomingMessage, port?: number): Promise<HttpRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
      resolve(
        new HttpRequest({
          method: req.method ?? 'GET',
          protocol: 'http:',
          hostname: '127.0.0.1',
          ...(port === undefined ? {} : { port }),
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
}
