/**
 * The ingest aggregate: sealing receipts into each subject's hash chain, and the links that
 * follow the subject's new latest decision, in one transaction. The statements are in
 * ingest-sql.ts; this module decides what to store.
 */
import type { LinkRevocationReason } from '@assent/sdk/schema';
import { canonicalReceiptTexts } from '../canonical.js';
import type { Keyring } from '../keys.js';
import { refusalOf, revocationFor, summarize, type LatestConsent } from '../link-policy.js';
import { seal } from '../seal.js';
import { ingestLock, receiptKey, writeIngest, type IngestWrites } from './ingest-sql.js';
import { countDecisions, shardPicker, type CountedDecision } from './insights.js';
import { encodeReceiptBody } from './receipt-body.js';
import { revokeLinks } from './links.js';
import { bytesOf, hexOf, iso, latestOf, type SubjectRow } from './rows.js';
import { checkAtCommit, type SqlDriver } from './sql.js';
import type { IngestStatus, PolicyContext, PreparedReceipt } from './types.js';

export interface IngestRepository {
  ingest(batch: readonly PreparedReceipt[], ctx: PolicyContext): Promise<IngestStatus[]>;
}

export function ingestRepository(driver: SqlDriver, keys: Keyring): IngestRepository {
  const lockForIngest = ingestLock(driver);
  const pickShard = shardPicker(driver.dialect);
  return {
    async ingest(batch, ctx) {
      if (!batch.length) return [];
      const nowMs = ctx.now.getTime();
      const serverTime = iso(nowMs);
      // Everything that does not depend on the chain heads is computed before the subjects are
      // locked: other commits wait on those locks for as long as this one holds them.
      const bodies = batch.map((p) => {
        const texts = canonicalReceiptTexts(p.receipt);
        return { canonical: texts.full, stored: encodeReceiptBody(p.receipt, texts.withoutIds) };
      });
      const subjectIds = [...new Set(batch.map((p) => p.receipt.subjectId))].sort();
      const receipts = new Map(batch.map((p) => [receiptKey(p.receipt.subjectId, p.receipt.receiptId), [p.receipt.subjectId, p.receipt.receiptId] as const]));
      return driver.transaction(async (tx) => {
        // Lock first, then look for duplicates: a concurrent ingest of the same receipt id (another
        // instance) has committed by the time our lock is granted.
        const locked = await lockForIngest.lock(tx, subjectIds, [...receipts.values()], nowMs);
        const subjects = new Map(locked.subjects.map((s) => [s.subject_id, s]));
        const known = new Set(locked.known);

        const statuses: IngestStatus[] = [];
        const writes: IngestWrites = { notices: [], receipts: [], subjects: [], linkRefresh: [], decisionCounts: [], counterShard: pickShard() };
        const decided: CountedDecision[] = [];
        const notices = new Map<string, { language: string; text: string }>();
        const touched = new Set<string>();
        const latestChanged = new Set<string>();
        for (const [i, p] of batch.entries()) {
          const r = p.receipt;
          const key = receiptKey(r.subjectId, r.receiptId);
          if (known.has(key)) {
            statuses.push('duplicate');
            continue;
          }
          known.add(key);
          statuses.push('accepted');
          const s = subjects.get(r.subjectId);
          if (!s) throw new Error(`subject row missing after lock: ${r.subjectId}`);
          const body = bodies[i] as { canonical: string; stored: Buffer };
          const sealed = seal(keys, r, s.seq + 1, serverTime, hexOf(s.head_hash), body.canonical);
          const hash = bytesOf(sealed.hash);
          writes.receipts.push({
            subject_id: r.subjectId, seq: sealed.seq, receipt_id: r.receiptId, server_ms: nowMs, key_id: sealed.keyId,
            notice_hash: r.notice.hash ? bytesOf(r.notice.hash) : null, prev_hash: s.head_hash, hash,
            signature: bytesOf(sealed.signature), body: body.stored, canonicalization: sealed.canonicalization,
          });
          if (p.noticeText !== null && r.notice.hash) notices.set(r.notice.hash, { language: r.notice.language, text: p.noticeText });
          s.seq = sealed.seq;
          s.head_hash = hash;
          touched.add(r.subjectId);
          // The latest receipt is the latest decision (browser clock; arrival order breaks ties), so a
          // grant delayed in one site's outbox cannot undo a withdrawal made later on another. A
          // decision time after our own clock counts as now: a browser clock set in the future must
          // not make one receipt "latest" against every later withdrawal.
          const decidedMs = Math.min(p.clientMs, nowMs);
          decided.push({ decidedMs, receipt: r });
          if (s.latest_client_ms === null || decidedMs >= s.latest_client_ms) {
            const latest = summarize(r);
            s.latest_client_ms = decidedMs;
            s.latest_permits = latest.permits ? 1 : 0;
            s.latest_expires_ms = Date.parse(latest.expiresAt);
            s.latest_policy = latest.policyVersion;
            latestChanged.add(r.subjectId);
          }
        }
        writes.notices = [...notices].map(([hash, n]) => ({ hash, ...n }));
        writes.subjects = [...touched].sort().map((id) => subjects.get(id) as SubjectRow);
        writes.decisionCounts = countDecisions(decided);

        // Links follow the new latest receipt in the same commit: revoked when it no longer permits,
        // otherwise carried to its expiry and policy version. Only a subject whose row says it has
        // an active link is looked at (none can be made before we commit: we hold its lock), and
        // each statement finds the subject's active links itself.
        const byReason = new Map<LinkRevocationReason, string[]>();
        for (const id of [...latestChanged].sort()) {
          const s = subjects.get(id) as SubjectRow;
          if (s.linked !== 1) continue;
          const refusal = refusalOf(latestOf(s) as LatestConsent, ctx.now, ctx.policyVersion);
          if (refusal) {
            const reason = revocationFor(refusal);
            byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
            s.linked = 0; // every active link of the subject is revoked below
          } else writes.linkRefresh.push(s);
        }
        // The rows go out now and are checked by the COMMIT, in its round trip.
        checkAtCommit(writeIngest(driver, tx, writes, nowMs));
        for (const [reason, ids] of byReason) await revokeLinks(driver, tx, ids, reason, nowMs);
        return statuses;
      });
    },
  };
}
