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

/** A request's whole body as bytes (file uploads). */
export const readRawBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** A multipart/form-data body's fields: text as strings, files as their name, type and bytes. */
export type FormPart = { kind: 'text'; value: string } | { kind: 'file'; filename: string; contentType: string; bytes: Buffer };

export const parseMultipart = async (body: Buffer, contentType: string): Promise<Map<string, FormPart>> => {
  // The platform's own parser (undici's), not a hand-written one: a body it cannot read fails here.
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const parts = new Map<string, FormPart>();
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') parts.set(key, { kind: 'text', value });
    else parts.set(key, { kind: 'file', filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return parts;
};
