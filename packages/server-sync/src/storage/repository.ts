/**
 * The storage implementation shared by both engines: statements are written once, in SQL both
 * SQLite and PostgreSQL accept; where they differ (multi-row inserts, IN lists, row locks, the event
 * feed lock) the driver supplies that part. Locking discipline (what keeps a withdrawal and a link request from both winning):
 * every write that touches a subject's links first locks that subject's row, and transactions that
 * lock several subjects lock them in subject-id order, so two of them cannot deadlock each other.
 */
import { randomUUID } from 'node:crypto';
import type {
  Canonicalization, Link, LinkEvent, LinkRefusalReason, LinkRevocationReason, Receipt, SealedReceipt,
} from '@assent/sdk/schema';
import { canonicalReceiptJson } from '../canonical.js';
import type { Keyring } from '../keys.js';
import { refusalOf, revocationFor, summarize, type LatestConsent } from '../link-policy.js';
import { seal } from '../seal.js';
import { ingestLock, SUBJECT_COLUMNS, writeIngest, type IngestWrites, type SubjectRow } from './ingest-sql.js';
import { chunks, placeholders, ROWS_PER_STATEMENT, type SqlDriver, type SqlExecutor, type SqlValue } from './sql.js';
import type {
  EraseOutcome, IngestStatus, LinkOutcome, PolicyContext, PreparedReceipt, PurgeCounts, PurgeCutoffs,
  ReconcileCounts, Storage, SubjectData,
} from './types.js';

interface ReceiptRow {
  receipt_id: string;
  seq: number;
  server_ms: number;
  body: string;
  prev_hash: string;
  hash: string;
  key_id: string;
  signature: string;
  canonicalization: Canonicalization;
}

interface LinkRow {
  link_id: string;
  subject_id: string;
  join_key: string;
  created_ms: number;
  consent_expires_ms: number;
  policy_version: string;
  revoked_ms: number | null;
  revoked_reason: string | null;
}

interface EventRow {
  id: number;
  type: string;
  at_ms: number;
  link_id: string | null;
  subject_id: string | null;
  join_key: string | null;
  reason: string | null;
}

interface NewEvent {
  type: LinkEvent['type'];
  linkId: string | null;
  subjectId: string | null;
  joinKey: string | null;
  reason: LinkEvent['reason'];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const LINK_COLUMNS = 'link_id, subject_id, join_key, created_ms, consent_expires_ms, policy_version, revoked_ms, revoked_reason';
const EVENT_COLUMNS = 'id, type, at_ms, link_id, subject_id, join_key, reason';

const toLink = (r: LinkRow): Link => ({
  linkId: r.link_id,
  subjectId: r.subject_id,
  joinKey: r.join_key,
  createdAt: iso(r.created_ms),
  consentExpiresAt: iso(r.consent_expires_ms),
  policyVersion: r.policy_version,
  revokedAt: r.revoked_ms === null ? null : iso(r.revoked_ms),
  revokedReason: r.revoked_reason as LinkRevocationReason | null,
});

const toEvent = (r: EventRow): LinkEvent => ({
  id: r.id,
  type: r.type as LinkEvent['type'],
  at: iso(r.at_ms),
  linkId: r.link_id,
  subjectId: r.subject_id,
  joinKey: r.join_key,
  reason: r.reason as LinkEvent['reason'],
});

const toSealed = (r: ReceiptRow): SealedReceipt => ({
  receipt: JSON.parse(r.body) as Receipt,
  seq: r.seq,
  serverTime: iso(r.server_ms),
  prevHash: r.prev_hash,
  hash: r.hash,
  canonicalization: r.canonicalization,
  keyId: r.key_id,
  signature: r.signature,
});

const latestOf = (s: SubjectRow): LatestConsent | null =>
  s.latest_receipt_id === null
    ? null
    : { permits: s.latest_permits === 1, expiresAt: iso(s.latest_expires_ms ?? 0), policyVersion: s.latest_policy ?? '' };

export function createRepository(driver: SqlDriver, keys: Keyring): Storage {
  const { read } = driver;
  const lockForIngest = ingestLock(driver);

  /** Locks the existing rows of these subjects, in id order. */
  async function lockSubjects(tx: SqlExecutor, ids: readonly string[]): Promise<Map<string, SubjectRow>> {
    const sorted = [...new Set(ids)].sort();
    const out = new Map<string, SubjectRow>();
    if (!sorted.length) return out;
    const inList = driver.inList('subject_id', sorted);
    const rows = await tx.all<SubjectRow>(
      `SELECT ${SUBJECT_COLUMNS} FROM subjects WHERE ${inList.sql} ORDER BY subject_id${driver.forUpdate}`,
      inList.params,
    );
    for (const r of rows) out.set(r.subject_id, r);
    return out;
  }

  async function appendEvents(tx: SqlExecutor, events: readonly NewEvent[], nowMs: number): Promise<void> {
    if (!events.length) return;
    await driver.lockEventFeed(tx);
    await driver.insertRows(
      tx, 'INSERT INTO link_events (type, at_ms, link_id, subject_id, join_key, reason)', 6,
      events.map((e) => [e.type, nowMs, e.linkId, e.subjectId, e.joinKey, e.reason]),
    );
  }

  /** Revokes the active links of these subjects; one event per link actually revoked. */
  async function revokeLinks(
    tx: SqlExecutor, subjectIds: readonly string[], reason: LinkRevocationReason, nowMs: number, extraWhere = '', extraParams: SqlValue[] = [],
    eventSubject: 'keep' | 'drop' = 'keep',
  ): Promise<number> {
    if (!subjectIds.length) return 0;
    const inList = driver.inList('subject_id', [...subjectIds].sort());
    const revoked = await tx.all<{ link_id: string; subject_id: string; join_key: string }>(
      `UPDATE links SET revoked_ms = ?, revoked_reason = ?
       WHERE ${inList.sql} AND revoked_ms IS NULL${extraWhere}
       RETURNING link_id, subject_id, join_key`,
      [nowMs, reason, ...inList.params, ...extraParams],
    );
    // Events in link order, so the feed is deterministic whatever order the engine returned.
    revoked.sort((a, b) => (a.link_id < b.link_id ? -1 : 1));
    await appendEvents(
      tx,
      revoked.map((l) => ({
        type: 'revoked', linkId: l.link_id, subjectId: eventSubject === 'keep' ? l.subject_id : null, joinKey: l.join_key, reason,
      })),
      nowMs,
    );
    return revoked.length;
  }

  async function ingest(batch: readonly PreparedReceipt[], ctx: PolicyContext): Promise<IngestStatus[]> {
    if (!batch.length) return [];
    const nowMs = ctx.now.getTime();
    const serverTime = iso(nowMs);
    // Everything that does not depend on the chain heads is computed before the subjects are
    // locked: other commits wait on those locks for as long as this one holds them.
    const bodies = batch.map((p) => canonicalReceiptJson(p.receipt));
    const subjectIds = [...new Set(batch.map((p) => p.receipt.subjectId))].sort();
    const receiptIds = [...new Set(batch.map((p) => p.receipt.receiptId))];
    return driver.transaction(async (tx) => {
      // Lock first, then look for duplicates: a concurrent ingest of the same receipt id (another
      // instance) has committed by the time our lock is granted.
      const locked = await lockForIngest.lock(tx, subjectIds, receiptIds, nowMs);
      const subjects = new Map(locked.subjects.map((s) => [s.subject_id, s]));
      const known = new Set(locked.known);

      const statuses: IngestStatus[] = [];
      const writes: IngestWrites = { notices: [], receipts: [], subjects: [], linkRefresh: [] };
      const notices = new Map<string, { language: string; text: string }>();
      const touched = new Set<string>();
      const latestChanged = new Set<string>();
      for (const [i, p] of batch.entries()) {
        const r = p.receipt;
        if (known.has(r.receiptId)) {
          statuses.push('duplicate');
          continue;
        }
        known.add(r.receiptId);
        statuses.push('accepted');
        const s = subjects.get(r.subjectId);
        if (!s) throw new Error(`subject row missing after lock: ${r.subjectId}`);
        const body = bodies[i] as string;
        const sealed = seal(keys, r, s.seq + 1, serverTime, s.head_hash, body);
        writes.receipts.push({
          receipt_id: r.receiptId, subject_id: r.subjectId, seq: sealed.seq, server_ms: nowMs, body, notice_hash: r.notice.hash ?? '',
          prev_hash: sealed.prevHash, hash: sealed.hash, key_id: sealed.keyId, signature: sealed.signature,
          canonicalization: sealed.canonicalization,
        });
        if (p.noticeText !== null && r.notice.hash) notices.set(r.notice.hash, { language: r.notice.language, text: p.noticeText });
        s.seq = sealed.seq;
        s.head_hash = sealed.hash;
        touched.add(r.subjectId);
        // The latest receipt is the latest decision (browser clock; arrival order breaks ties), so a
        // grant delayed in one site's outbox cannot undo a withdrawal made later on another. A
        // decision time after our own clock counts as now: a browser clock set in the future must
        // not make one receipt "latest" against every later withdrawal.
        const decidedMs = Math.min(p.clientMs, nowMs);
        if (s.latest_client_ms === null || decidedMs >= s.latest_client_ms) {
          const latest = summarize(r);
          s.latest_receipt_id = r.receiptId;
          s.latest_client_ms = decidedMs;
          s.latest_permits = latest.permits ? 1 : 0;
          s.latest_expires_ms = Date.parse(latest.expiresAt);
          s.latest_policy = latest.policyVersion;
          latestChanged.add(r.subjectId);
        }
      }
      writes.notices = [...notices].map(([hash, n]) => ({ hash, ...n }));
      writes.subjects = [...touched].sort().map((id) => subjects.get(id) as SubjectRow);

      // Links follow the new latest receipt in the same commit: revoked when it no longer permits,
      // otherwise carried to its expiry and policy version.
      // Only subjects with an active link need either (none can be linked before we commit).
      const linked = new Set(locked.linked);
      const byReason = new Map<LinkRevocationReason, string[]>();
      for (const id of [...latestChanged].sort()) {
        if (!linked.has(id)) continue;
        const s = subjects.get(id) as SubjectRow;
        const refusal = refusalOf(latestOf(s) as LatestConsent, ctx.now, ctx.policyVersion);
        if (refusal) {
          const reason = revocationFor(refusal);
          byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
        } else writes.linkRefresh.push(id);
      }
      // Not awaited: the writes go out with the COMMIT, which the transaction sends only after
      // they all succeeded (see SqlDriver.transaction).
      void writeIngest(driver, tx, writes, nowMs).catch(() => undefined);
      for (const [reason, ids] of byReason) await revokeLinks(tx, ids, reason, nowMs);
      return statuses;
    });
  }

  async function createLink(subjectId: string, joinKey: string, ctx: PolicyContext): Promise<LinkOutcome> {
    const nowMs = ctx.now.getTime();
    return driver.transaction(async (tx) => {
      const s = (await lockSubjects(tx, [subjectId])).get(subjectId);
      const latest = s ? latestOf(s) : null;
      const refusal: LinkRefusalReason | null = latest ? refusalOf(latest, ctx.now, ctx.policyVersion) : 'subject_unknown';
      if (refusal || !latest) {
        const reason = refusal ?? 'subject_unknown';
        await appendEvents(tx, [{ type: 'refused', linkId: null, subjectId, joinKey, reason }], nowMs);
        return { ok: false, reason };
      }
      const [existing] = await tx.all<LinkRow>(
        `SELECT ${LINK_COLUMNS} FROM links WHERE subject_id = ? AND join_key = ? AND revoked_ms IS NULL`,
        [subjectId, joinKey],
      );
      if (existing) return { ok: true, link: toLink(existing), created: false };
      const row: LinkRow = {
        link_id: randomUUID(), subject_id: subjectId, join_key: joinKey, created_ms: nowMs,
        consent_expires_ms: Date.parse(latest.expiresAt), policy_version: latest.policyVersion,
        revoked_ms: null, revoked_reason: null,
      };
      await tx.run(
        `INSERT INTO links (link_id, subject_id, join_key, created_ms, consent_expires_ms, policy_version) VALUES ${placeholders(6)}`,
        [row.link_id, row.subject_id, row.join_key, row.created_ms, row.consent_expires_ms, row.policy_version],
      );
      await appendEvents(tx, [{ type: 'linked', linkId: row.link_id, subjectId, joinKey, reason: null }], nowMs);
      return { ok: true, link: toLink(row), created: true };
    });
  }

  async function activeLinks(joinKey: string, ctx: PolicyContext): Promise<Link[]> {
    const rows = await read.all<LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM links
       WHERE join_key = ? AND revoked_ms IS NULL AND consent_expires_ms > ? AND policy_version = ?
       ORDER BY created_ms, link_id`,
      [joinKey, ctx.now.getTime(), ctx.policyVersion],
    );
    return rows.map(toLink);
  }

  async function linkEvents(since: number, limit: number): Promise<LinkEvent[]> {
    const rows = await read.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM link_events WHERE id > ? ORDER BY id LIMIT ?`, [since, limit]);
    return rows.map(toEvent);
  }

  async function subject(subjectId: string): Promise<SubjectData | null> {
    // One transaction so the export is a consistent snapshot (the reader would otherwise see
    // commits landing between the statements).
    return driver.snapshot(async (tx) => {
      const receipts = (await tx.all<ReceiptRow>(
        'SELECT receipt_id, seq, server_ms, body, prev_hash, hash, key_id, signature, canonicalization FROM receipts WHERE subject_id = ? ORDER BY seq',
        [subjectId],
      )).map(toSealed);
      const links = (await tx.all<LinkRow>(`SELECT ${LINK_COLUMNS} FROM links WHERE subject_id = ? ORDER BY created_ms, link_id`, [subjectId])).map(toLink);
      const linkEventsOf = (await tx.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM link_events WHERE subject_id = ? ORDER BY id`, [subjectId])).map(toEvent);
      const [s] = await tx.all<{ subject_id: string }>('SELECT subject_id FROM subjects WHERE subject_id = ?', [subjectId]);
      if (!s && !receipts.length && !links.length && !linkEventsOf.length) return null;
      const hashes = [...new Set(receipts.map((r) => r.receipt.notice.hash).filter((h): h is string => !!h))];
      const notices = hashes.length
        ? await tx.all<{ hash: string; language: string; text: string }>(
            `SELECT hash, language, text FROM notices WHERE hash IN ${placeholders(hashes.length)} ORDER BY hash`,
            hashes,
          )
        : [];
      return { subjectId, receipts, notices, links, linkEvents: linkEventsOf };
    });
  }

  async function erase(subjectId: string, now: Date): Promise<EraseOutcome | null> {
    const nowMs = now.getTime();
    return driver.transaction(async (tx) => {
      const s = (await lockSubjects(tx, [subjectId])).get(subjectId);
      const [{ n: linkCount } = { n: 0 }] = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM links WHERE subject_id = ?', [subjectId]);
      const [{ n: eventCount } = { n: 0 }] = await tx.all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM link_events WHERE subject_id = ?', [subjectId],
      );
      if (!s && Number(linkCount) === 0 && Number(eventCount) === 0) return null;
      // Revocation events outlive the erase (the pipeline must delete merged data) but carry no subject id.
      await revokeLinks(tx, [subjectId], 'erased', nowMs, '', [], 'drop');
      await tx.run('UPDATE link_events SET subject_id = NULL WHERE subject_id = ?', [subjectId]);
      const receipts = await tx.run('DELETE FROM receipts WHERE subject_id = ?', [subjectId]);
      const links = await tx.run('DELETE FROM links WHERE subject_id = ?', [subjectId]);
      await tx.run('DELETE FROM subjects WHERE subject_id = ?', [subjectId]);
      const tombstoneId = randomUUID();
      await tx.run('INSERT INTO tombstones (tombstone_id, erased_ms, receipts, links) VALUES (?, ?, ?, ?)', [tombstoneId, nowMs, receipts, links]);
      return { tombstoneId, receipts, links };
    });
  }

  async function notice(hash: string) {
    const [row] = await read.all<{ hash: string; language: string; text: string }>(
      'SELECT hash, language, text FROM notices WHERE hash = ?', [hash],
    );
    return row ?? null;
  }

  async function reconcileLinks(ctx: PolicyContext): Promise<ReconcileCounts> {
    const nowMs = ctx.now.getTime();
    const due = (await read.all<{ subject_id: string }>(
      'SELECT DISTINCT subject_id FROM links WHERE revoked_ms IS NULL AND (consent_expires_ms <= ? OR policy_version <> ?)',
      [nowMs, ctx.policyVersion],
    )).map((r) => r.subject_id);
    if (!due.length) return { expired: 0, policyOutdated: 0 };
    return driver.transaction(async (tx) => {
      await lockSubjects(tx, due);
      // Conditions are checked again under the lock: a receipt may have renewed consent meanwhile.
      const expired = await revokeLinks(tx, due, 'expired', nowMs, ' AND consent_expires_ms <= ?', [nowMs]);
      const policyOutdated = await revokeLinks(tx, due, 'policy_outdated', nowMs, ' AND policy_version <> ?', [ctx.policyVersion]);
      return { expired, policyOutdated };
    });
  }

  async function purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts> {
    const receiptsBefore = cutoffs.receiptsBefore.getTime();
    const linksBefore = cutoffs.linksBefore.getTime();
    const counts = await driver.transaction(async (tx) => ({
      receipts: await tx.run('DELETE FROM receipts WHERE server_ms < ?', [receiptsBefore]),
      links: await tx.run('DELETE FROM links WHERE revoked_ms IS NOT NULL AND revoked_ms < ?', [linksBefore]),
      linkEvents: await tx.run('DELETE FROM link_events WHERE at_ms < ?', [linksBefore]),
    }));
    // Subjects left with nothing: locked first, then checked again, so an ingest in flight keeps its row.
    const empty = (await read.all<{ subject_id: string }>(
      `SELECT subject_id FROM subjects s WHERE created_ms < ?
         AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = s.subject_id)
         AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = s.subject_id)`,
      [receiptsBefore],
    )).map((r) => r.subject_id);
    let subjects = 0;
    for (const part of chunks(empty, ROWS_PER_STATEMENT)) {
      subjects += await driver.transaction(async (tx) => {
        await lockSubjects(tx, part);
        return tx.run(
          `DELETE FROM subjects WHERE subject_id IN ${placeholders(part.length)}
             AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = subjects.subject_id)
             AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = subjects.subject_id)`,
          part,
        );
      });
    }
    return { ...counts, subjects };
  }

  async function addHits(windowStart: number, hits: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    // Sorted, so two instances flushing overlapping buckets lock them in the same order.
    for (const part of chunks([...hits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), ROWS_PER_STATEMENT)) {
      const rows = await driver.volatileWrite<{ bucket: string; hits: number }>(
        `INSERT INTO rate_limits (bucket, window_ms, hits) VALUES ${part.map(() => placeholders(3)).join(', ')}
         ON CONFLICT (bucket, window_ms) DO UPDATE SET hits = rate_limits.hits + excluded.hits
         RETURNING bucket, hits`,
        part.flatMap(([bucket, n]) => [bucket, windowStart, n]),
      );
      for (const r of rows) totals.set(r.bucket, Number(r.hits));
    }
    return totals;
  }

  return {
    dialect: driver.dialect,
    ingest,
    createLink,
    activeLinks,
    linkEvents,
    subject,
    erase,
    notice,
    reconcileLinks,
    purge,
    addHits,
    async dropRateWindows(before) {
      await driver.volatileWrite('DELETE FROM rate_limits WHERE window_ms < ? RETURNING bucket', [before]);
    },
    async ping() {
      try {
        await read.all('SELECT 1 AS one');
        return true;
      } catch {
        return false;
      }
    },
    close: () => driver.close(),
  };
}
