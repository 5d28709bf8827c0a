import type { IncomingMessage, Server } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';

/** Stops a fake: drops its sockets at once (a test never waits for a polite goodbye), then the HTTP server. */
export const closeFakeServers = async ({ server, wss, sockets }: { server: Server; wss: WebSocketServer; sockets: Iterable<WebSocket> }) => {
  for (const ws of sockets) ws.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

/** A request's whole body as text. */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
