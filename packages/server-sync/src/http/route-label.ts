/** The route a request matched, as declared (`/v1/subjects/:subjectId`): metric labels and logs never see raw paths. */
import { routePath } from 'hono/route';
import type { Context } from 'hono';

/**
 * The declared path of the handler that answered, or `other` for unmatched paths (404, 405), so
 * a scan of random paths cannot grow the metrics without bound.
 */
export function routeLabel(c: Context): string {
  const path = routePath(c);
  return path.includes('*') || path === '' ? 'other' : path;
}
