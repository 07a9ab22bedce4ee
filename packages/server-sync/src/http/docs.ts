/**
 * The API contract: the OpenAPI 3.1 document at `GET /v1/openapi.json`, and interactive docs at
 * `/docs` (Swagger UI). The UI's files are served from the installed `swagger-ui-dist` package,
 * never from a CDN, so the page works offline, and under a CSP that allows nothing but this origin.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from './env.js';
import { openApiDocument } from './openapi.js';

const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// Relative URLs, so the page also works when server-sync is mounted under a path prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Assent server-sync API</title>
<link rel="icon" type="image/png" href="docs/favicon-32x32.png">
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;

// In a file of its own: the CSP allows no inline script. No validator badge: it would call a
// third-party service with the document.
const INIT = `window.ui = SwaggerUIBundle({ url: 'v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

export function docsRoutes(app: Hono<AppEnv>): void {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get(
    '/v1/openapi.json',
    describeRoute({
      tags: ['operations'],
      operationId: 'openApiDocument',
      summary: 'This document',
      description: 'The OpenAPI 3.1 description of this API (also committed as `packages/server-sync/openapi.json`).',
      responses: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
    }),
    async (c) => c.json(await (document ??= openApiDocument(app))),
  );

  const csp = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      // Swagger UI sets inline styles (style attributes) on its elements.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
  app.get('/docs', csp, (c) => c.html(PAGE));
  app.get('/docs/init.js', csp, (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/swagger-ui.css', csp, serveStatic({ path: join(swaggerUi, 'swagger-ui.css') }));
  app.get('/docs/swagger-ui-bundle.js', csp, serveStatic({ path: join(swaggerUi, 'swagger-ui-bundle.js') }));
  app.get('/docs/favicon-32x32.png', csp, serveStatic({ path: join(swaggerUi, 'favicon-32x32.png') }));
}
