/**
 * The links aggregate: Portal links of a subject and the link-event feed that records every
 * change to them. Links are created and revoked only under their subject's lock (subject-lock.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Link, LinkEvent, LinkRefusalReason, LinkRevocationReason } from '@assent/sdk/schema';
import { refusalOf } from '../link-policy.js';
import { addLinkEventCounts } from './insights.js';
import { EVENT_COLUMNS, LINK_COLUMNS, latestOf, toEvent, toLink, type EventRow, type LinkRow } from './rows.js';
import { placeholders, type SqlDriver, type SqlExecutor, type SqlValue } from './sql.js';
import { lockSubjects } from './subject-lock.js';
import type { LinkOutcome, PolicyContext, ReconcileCounts } from './types.js';

export interface NewEvent {
  type: LinkEvent['type'];
  linkId: string | null;
  subjectId: string | null;
  joinKey: string | null;
  reason: LinkEvent['reason'];
}

/**
 * Appends events to the feed, in order (ids commit in order: see SqlDriver.lockEventFeed), and
 * counts them for the console's insights (under the same lock, so those rows have one writer).
 */
export async function appendEvents(driver: SqlDriver, tx: SqlExecutor, events: readonly NewEvent[], nowMs: number): Promise<void> {
  if (!events.length) return;
  await driver.lockEventFeed(tx);
  await Promise.all([
    driver.insertRows(
      tx, 'INSERT INTO link_events (type, at_ms, link_id, subject_id, join_key, reason)', 6,
      events.map((e) => [e.type, nowMs, e.linkId, e.subjectId, e.joinKey, e.reason]),
    ),
    addLinkEventCounts(driver, tx, events, nowMs),
  ]);
}

export interface RevokeOptions {
  /** Extra condition on the links, ANDed (`' AND consent_expires_ms <= ?'`), with its parameters. */
  where?: { sql: string; params: SqlValue[] };
  /** `drop`: the revocation events carry no subject id (erasure). */
  eventSubject?: 'keep' | 'drop';
}

/** Revokes the active links of these (locked) subjects; one event per link actually revoked. */
export async function revokeLinks(
  driver: SqlDriver, tx: SqlExecutor, subjectIds: readonly string[], reason: LinkRevocationReason, nowMs: number, opts: RevokeOptions = {},
): Promise<number> {
  if (!subjectIds.length) return 0;
  const inList = driver.inList('subject_id', [...subjectIds].sort());
  const revoked = await tx.all<{ link_id: string; subject_id: string; join_key: string }>(
    `UPDATE links SET revoked_ms = ?, revoked_reason = ?
     WHERE ${inList.sql} AND revoked_ms IS NULL${opts.where?.sql ?? ''}
     RETURNING link_id, subject_id, join_key`,
    [nowMs, reason, ...inList.params, ...(opts.where?.params ?? [])],
  );
  // Events in link order, so the feed is deterministic whatever order the engine returned.
  revoked.sort((a, b) => (a.link_id < b.link_id ? -1 : 1));
  const keep = opts.eventSubject !== 'drop';
  await appendEvents(
    driver, tx,
    revoked.map((l) => ({ type: 'revoked', linkId: l.link_id, subjectId: keep ? l.subject_id : null, joinKey: l.join_key, reason })),
    nowMs,
  );
  return revoked.length;
}

export interface LinksRepository {
  createLink(subjectId: string, joinKey: string, ctx: PolicyContext): Promise<LinkOutcome>;
  activeLinks(joinKey: string, ctx: PolicyContext): Promise<Link[]>;
  accountLinks(joinKey: string): Promise<Link[]>;
  linkEvents(since: number, limit: number): Promise<LinkEvent[]>;
  reconcileLinks(ctx: PolicyContext): Promise<ReconcileCounts>;
}

export function linksRepository(driver: SqlDriver): LinksRepository {
  return {
    async createLink(subjectId, joinKey, ctx) {
      const nowMs = ctx.now.getTime();
      return driver.transaction(async (tx) => {
        const s = (await lockSubjects(driver, tx, [subjectId])).get(subjectId);
        const latest = s ? latestOf(s) : null;
        const refusal: LinkRefusalReason | null = latest ? refusalOf(latest, ctx.now, ctx.policyVersion) : 'subject_unknown';
        if (refusal || !latest) {
          const reason = refusal ?? 'subject_unknown';
          await appendEvents(driver, tx, [{ type: 'refused', linkId: null, subjectId, joinKey, reason }], nowMs);
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
        // The insert marks the subject's row as linked (trigger links_mark_subject, migration 10).
        await appendEvents(driver, tx, [{ type: 'linked', linkId: row.link_id, subjectId, joinKey, reason: null }], nowMs);
        return { ok: true, link: toLink(row), created: true };
      });
    },

    async activeLinks(joinKey, ctx) {
      const rows = await driver.read.all<LinkRow>(
        `SELECT ${LINK_COLUMNS} FROM links
         WHERE join_key = ? AND revoked_ms IS NULL AND consent_expires_ms > ? AND policy_version = ?
         ORDER BY created_ms, link_id`,
        [joinKey, ctx.now.getTime(), ctx.policyVersion],
      );
      return rows.map(toLink);
    },

    async accountLinks(joinKey) {
      const rows = await driver.read.all<LinkRow>(
        `SELECT ${LINK_COLUMNS} FROM links WHERE join_key = ? ORDER BY created_ms, link_id`, [joinKey],
      );
      return rows.map(toLink);
    },

    async linkEvents(since, limit) {
      const rows = await driver.read.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM link_events WHERE id > ? ORDER BY id LIMIT ?`, [since, limit]);
      return rows.map(toEvent);
    },

    async reconcileLinks(ctx) {
      const nowMs = ctx.now.getTime();
      const due = (await driver.read.all<{ subject_id: string }>(
        'SELECT DISTINCT subject_id FROM links WHERE revoked_ms IS NULL AND (consent_expires_ms <= ? OR policy_version <> ?)',
        [nowMs, ctx.policyVersion],
      )).map((r) => r.subject_id);
      if (!due.length) return { expired: 0, policyOutdated: 0 };
      return driver.transaction(async (tx) => {
        await lockSubjects(driver, tx, due);
        // Conditions are checked again under the lock: a receipt may have renewed consent meanwhile.
        const expired = await revokeLinks(driver, tx, due, 'expired', nowMs, { where: { sql: ' AND consent_expires_ms <= ?', params: [nowMs] } });
        const policyOutdated = await revokeLinks(driver, tx, due, 'policy_outdated', nowMs, {
          where: { sql: ' AND policy_version <> ?', params: [ctx.policyVersion] },
        });
        // A subject may keep a link to another account that is neither expired nor outdated.
        const inList = driver.inList('subject_id', due);
        await tx.run(
          `UPDATE subjects SET linked = 0 WHERE ${inList.sql} AND linked = 1
             AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = subjects.subject_id AND l.revoked_ms IS NULL)`,
          inList.params,
        );
        return { expired, policyOutdated };
      });
    },
  };
}
