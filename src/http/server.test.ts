import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { startHttpServer, type HttpServer } from './server.js';

describe('the HTTP server', () => {
  let server: HttpServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('answers /healthz with 503 until the process is ready, then 200 with a small JSON body', async () => {
    server = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
    const starting = await fetch(`${server.url}/healthz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toMatchObject({ status: 'starting' });
    server.setReady(true);
    const ready = await fetch(`${server.url}/healthz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
  });

  it('turns 503 while one part (the database) is down after start-up, and 200 when it is back', async () => {
    server = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
    server.setReady(true, 'database');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    server.setReady(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    server.setReady(false, 'database');
    const down = await fetch(`${server.url}/healthz`);
    expect([down.status, await down.json()]).toEqual([503, expect.objectContaining({ status: 'unavailable', waiting: ['database'] })]);
    server.setReady(true, 'database');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('serves mounted routes; an unknown path is 503 while starting (Slack retries) and 404 once ready', async () => {
    server = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST' })).status).toBe(503);
    server.route('POST', '/slack/events', (_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    const mounted = await fetch(`${server.url}/slack/events?x=1`, { method: 'POST' });
    expect([mounted.status, await mounted.text()]).toEqual([200, 'ok']);
    server.setReady(true);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    server.unroute('POST', '/slack/events');
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('a failing handler answers 500 and the server carries on', async () => {
    server = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
    server.route('GET', '/boom', () => {
      throw new Error('boom');
    });
    expect((await fetch(`${server.url}/boom`)).status).toBe(500);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
  });
});
