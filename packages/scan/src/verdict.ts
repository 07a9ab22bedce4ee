/** The scan's outcome for CI: which exit code a report earns. */
import { EXIT } from './errors.js';
import type { ScanReport } from './report.js';

/** 1 with any leak; 2 with `strict` and anything undeclared; else 0. */
export function exitCodeFor(report: Pick<ScanReport, 'leaks' | 'undeclared'>, strict: boolean): number {
  if (report.leaks.length) return EXIT.leaks;
  if (strict && report.undeclared.length) return EXIT.undeclared;
  return EXIT.ok;
}
