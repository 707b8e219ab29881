import { createServer } from 'node:net';
import { PortInUseError } from './http-api';

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Fails with a message naming the env var when the port is taken. `host` '0.0.0.0' checks the
 * wildcard address too: DynamoDB Local falls back to binding it when Java cannot run the
 * loopback launcher, and a wildcard listener elsewhere would take the port from it anyway.
 */
export function assertPortFree(port: number, envVar: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, envVar) : error),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
