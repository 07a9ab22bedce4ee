/** Public reads: the visitor's region, notice texts, the GPC well-known file. */
import { GpcResponseSchema, NoticeSchema, RegionResponseSchema } from '@assent/sdk/schema';
import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { regionFromHeaders } from '../region.js';
import type { Service } from '../service.js';
import type { AppEnv } from './env.js';
import { errorResponse, jsonResponse, ORIGIN_ERRORS, STORAGE_ERRORS } from './openapi.js';
import type { OriginPolicy } from './origins.js';
import { NoticeParams, validParams } from './params.js';
import { problem } from './problems.js';

export function publicRoutes(app: Hono<AppEnv>, service: Service, origins: OriginPolicy): void {
  const { config, storage } = service;

  app.get(
    '/v1/region',
    describeRoute({
      tags: ['public'],
      operationId: 'getRegion',
      summary: 'The visitor\'s region',
      description: 'An ISO 3166-1/-2 code from the trusted edge headers (`ASSENT_REGION_COUNTRY_HEADER`, `ASSENT_REGION_SUBDIVISION_HEADER`), or null. Never cached.',
      responses: { 200: jsonResponse('The region, or null when the edge did not say.', RegionResponseSchema), ...ORIGIN_ERRORS },
    }),
    ...origins.guard,
    (c) => c.json({ region: regionFromHeaders(c.req.header(), config.regionHeaders) }, 200, { 'cache-control': 'private, no-store' }),
  );

  app.get(
    '/v1/notices/:hash',
    describeRoute({
      tags: ['public'],
      operationId: 'getNotice',
      summary: 'A notice text by its SHA-256',
      description: 'The exact text a receipt\'s `notice.hash` names, as shown to the visitor. Immutable.',
      responses: {
        200: jsonResponse('The notice.', NoticeSchema),
        400: errorResponse('The hash is not 64 lowercase hex characters.'),
        404: errorResponse('No stored notice has this hash.'),
        ...STORAGE_ERRORS,
      },
    }),
    validParams('param', NoticeParams),
    async (c) => {
      const notice = await storage.notice(c.req.valid('param').hash);
      return notice ? c.json(notice, 200, { 'cache-control': 'public, max-age=31536000, immutable' }) : problem(c, 404, 'no such notice');
    },
  );

  app.get(
    '/.well-known/gpc.json',
    describeRoute({
      tags: ['public'],
      operationId: 'getGpcSupport',
      summary: 'Global Privacy Control support',
      description: 'The GPC well-known resource: this site honours the signal.',
      responses: { 200: jsonResponse('GPC support.', GpcResponseSchema) },
    }),
    (c) => c.json({ gpc: true, lastUpdate: config.gpcLastUpdate }, 200, { 'access-control-allow-origin': '*' }),
  );
}
