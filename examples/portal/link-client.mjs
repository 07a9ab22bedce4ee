// The Portal back end's client for server-sync's link API (API key, server-side only).
// It turns every answer into one of three outcomes the UI can show.

/**
 * @typedef {{ status: 'linked', link: Record<string, unknown> }
 *   | { status: 'refused', reason: string, detail?: unknown }
 *   | { status: 'error', message: string }} LinkOutcome
 */

/** The reason string server-sync gave, wherever its error body puts it. */
function reasonOf(body, httpStatus) {
  if (body && typeof body === 'object') {
    if (typeof body.reason === 'string') return body.reason;
    const e = body.error;
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      if (typeof e.reason === 'string') return e.reason;
      if (typeof e.code === 'string') return e.code;
    }
  }
  return `http_${httpStatus}`;
}

/**
 * @param {{ serverSyncUrl: string, apiKey: string }} options
 */
export function linkClient({ serverSyncUrl, apiKey }) {
  const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };

  async function call(path, init = {}) {
    const res = await fetch(`${serverSyncUrl}${path}`, { ...init, headers: { ...headers, ...init.headers }, signal: AbortSignal.timeout(5000) });
    const body = await res.json().catch(() => null);
    return { status: res.status, body };
  }

  return {
    /**
     * Asks server-sync to link a consent subject to a Portal account.
     * @returns {Promise<LinkOutcome>}
     */
    async link(subjectId, accountId) {
      try {
        const { status, body } = await call('/v1/links', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ subjectId, accountId }),
        });
        if (status >= 200 && status < 300) return { status: 'linked', link: body?.link ?? body ?? {} };
        // 403/409 carry a refusal reason (consent_required, subject_unknown, …); 401 and 5xx are faults.
        if (status === 401 || status >= 500 || status === 400) return { status: 'error', message: `server-sync answered ${status}: ${reasonOf(body, status)}` };
        return { status: 'refused', reason: reasonOf(body, status), detail: body };
      } catch (err) {
        return { status: 'error', message: `server-sync unreachable at ${serverSyncUrl}: ${err.message}` };
      }
    },

    /** Active links of an account, or an error message. */
    async activeLinks(accountId) {
      try {
        const { status, body } = await call(`/v1/links?accountId=${encodeURIComponent(accountId)}`);
        if (status !== 200) return { error: `server-sync answered ${status}: ${reasonOf(body, status)}` };
        const links = Array.isArray(body) ? body : Array.isArray(body?.links) ? body.links : [];
        return { links };
      } catch (err) {
        return { error: `server-sync unreachable at ${serverSyncUrl}: ${err.message}` };
      }
    },
  };
}
