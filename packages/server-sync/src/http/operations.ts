/** Operations: health, Prometheus metrics. */
import { HealthResponseSchema } from '@assent/sdk/schema';
import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { Service } from '../service.js';
import type { AppEnv } from './env.js';
import { jsonResponse } from './openapi.js';

export function operationRoutes(app: Hono<AppEnv>, service: Service): void {
  const { storage, metrics } = service;

  app.get(
    '/healthz',
    describeRoute({
      tags: ['operations'],
      operationId: 'health',
      summary: 'Health',
      description: 'Whether this instance should get traffic: the database answers and no shutdown has begun. While draining (after SIGTERM, `ASSENT_SHUTDOWN_GRACE_MS`) it answers 503 so a load balancer stops routing here, while requests are still served.',
      responses: {
        200: jsonResponse('Healthy.', HealthResponseSchema),
        503: jsonResponse('The database does not answer, or the instance is shutting down (`draining`).', HealthResponseSchema),
      },
    }),
    async (c) => {
      const database = (await storage.ping()) ? 'up' : 'unavailable';
      const { draining } = service;
      const ok = database === 'up' && !draining;
      return c.json({ ok, storage: storage.dialect, database, draining }, ok ? 200 : 503);
    },
  );

  app.get(
    '/metrics',
    describeRoute({
      tags: ['operations'],
      operationId: 'metrics',
      summary: 'Prometheus metrics',
      description: 'Requests by route and status, receipts, refusals, link outcomes, revocations, purges, commit latency and batch size histograms, storage outages, and the process\'s default metrics.',
      responses: { 200: { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    }),
    async (c) => c.body(await metrics.render(), 200, { 'content-type': metrics.contentType }),
  );
}
