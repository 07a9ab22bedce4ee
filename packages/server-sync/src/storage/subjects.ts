/**
 * The subjects aggregate as rights requests see it: everything stored about one subject (export,
 * verify), its erasure, and the notices its receipts name. Every query filters by subject_id.
 */
import { randomUUID } from 'node:crypto';
import type { SealedReceipt } from '@assent/sdk/schema';
import { revokeLinks } from './links.js';
import { decodeReceiptBody } from './receipt-body.js';
import { EVENT_COLUMNS, hexOf, iso, LINK_COLUMNS, toEvent, toLink, type EventRow, type LinkRow, type ReceiptRowIn } from './rows.js';
import { placeholders, type SqlDriver } from './sql.js';
import { lockSubjects } from './subject-lock.js';
import type { EraseOutcome, SubjectData } from './types.js';

/** A stored receipt as a subject's export reads it (its subject is the one asked for). */
type ReceiptRow = Omit<ReceiptRowIn, 'subject_id'>;

const toSealed = (subjectId: string, r: ReceiptRow): SealedReceipt => ({
  receipt: decodeReceiptBody(r.body, {
    receiptId: r.receipt_id, subjectId, noticeHash: r.notice_hash ? Buffer.from(r.notice_hash) : null,
  }),
  seq: r.seq,
  serverTime: iso(r.server_ms),
  prevHash: hexOf(r.prev_hash),
  hash: hexOf(r.hash),
  canonicalization: r.canonicalization,
  keyId: r.key_id,
  signature: hexOf(r.signature),
});

export interface SubjectsRepository {
  subject(subjectId: string): Promise<SubjectData | null>;
  erase(subjectId: string, now: Date): Promise<EraseOutcome | null>;
  notice(hash: string): Promise<{ hash: string; language: string; text: string } | null>;
}

export function subjectsRepository(driver: SqlDriver): SubjectsRepository {
  return {
    async subject(subjectId) {
      // One snapshot, so the export is consistent: a commit may land between the statements.
      return driver.snapshot(async (tx) => {
        const receipts = (await tx.all<ReceiptRow>(
          `SELECT seq, receipt_id, server_ms, key_id, notice_hash, prev_hash, hash, signature, body, canonicalization
           FROM receipts WHERE subject_id = ? ORDER BY seq`,
          [subjectId],
        )).map((r) => toSealed(subjectId, r));
        const links = (await tx.all<LinkRow>(`SELECT ${LINK_COLUMNS} FROM links WHERE subject_id = ? ORDER BY created_ms, link_id`, [subjectId])).map(toLink);
        const linkEvents = (await tx.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM link_events WHERE subject_id = ? ORDER BY id`, [subjectId])).map(toEvent);
        const [s] = await tx.all<{ subject_id: string }>('SELECT subject_id FROM subjects WHERE subject_id = ?', [subjectId]);
        if (!s && !receipts.length && !links.length && !linkEvents.length) return null;
        const hashes = [...new Set(receipts.map((r) => r.receipt.notice.hash).filter((h): h is string => !!h))];
        const notices = hashes.length
          ? await tx.all<{ hash: string; language: string; text: string }>(
              `SELECT hash, language, text FROM notices WHERE hash IN ${placeholders(hashes.length)} ORDER BY hash`,
              hashes,
            )
          : [];
        return { subjectId, receipts, notices, links, linkEvents };
      });
    },

    async erase(subjectId, now) {
      const nowMs = now.getTime();
      return driver.transaction(async (tx) => {
        const s = (await lockSubjects(driver, tx, [subjectId])).get(subjectId);
        const [{ n: linkCount } = { n: 0 }] = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM links WHERE subject_id = ?', [subjectId]);
        const [{ n: eventCount } = { n: 0 }] = await tx.all<{ n: number }>(
          'SELECT COUNT(*) AS n FROM link_events WHERE subject_id = ?', [subjectId],
        );
        if (!s && Number(linkCount) === 0 && Number(eventCount) === 0) return null;
        // Revocation events outlive the erase (the pipeline must delete merged data) but carry no subject id.
        await revokeLinks(driver, tx, [subjectId], 'erased', nowMs, { eventSubject: 'drop' });
        await tx.run('UPDATE link_events SET subject_id = NULL WHERE subject_id = ?', [subjectId]);
        const receipts = await tx.run('DELETE FROM receipts WHERE subject_id = ?', [subjectId]);
        const links = await tx.run('DELETE FROM links WHERE subject_id = ?', [subjectId]);
        await tx.run('DELETE FROM subjects WHERE subject_id = ?', [subjectId]);
        const tombstoneId = randomUUID();
        await tx.run('INSERT INTO tombstones (tombstone_id, erased_ms, receipts, links) VALUES (?, ?, ?, ?)', [tombstoneId, nowMs, receipts, links]);
        return { tombstoneId, receipts, links };
      });
    },

    async notice(hash) {
      const [row] = await driver.read.all<{ hash: string; language: string; text: string }>(
        'SELECT hash, language, text FROM notices WHERE hash = ?', [hash],
      );
      return row ?? null;
    },
  };
}
