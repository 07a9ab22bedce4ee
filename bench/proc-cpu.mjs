// CPU time of processes from Linux /proc: unlike throughput and latency, CPU per unit of work
// hardly moves when other work shares the machine.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux
function procStat(pid) {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}
/** CPU ms so far of a process, or of a process and its children (the postmaster and its backends). */
export function cpuMs(pid, withChildren = false) {
  const own = procStat(pid);
  if (!own) return NaN;
  if (!withChildren) return own.cpuMs;
  let total = own.cpuMs;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = procStat(d);
    if (st?.ppid === pid) total += st.cpuMs;
  }
  return total;
}


/**
 * CPU ms so far of a process's live threads, to the nanosecond (/proc/<pid>/task/<tid>/schedstat,
 * the scheduler's own run time), where `cpuMs` counts 10 ms ticks: for chunks of work of tens of
 * milliseconds. Threads that have exited are no longer counted, so compare it across spans of a
 * long-running process only.
 */
export function cpuMsPrecise(pid) {
  const threads = threadCpuNs(pid);
  if (!threads) return NaN;
  let ns = 0;
  for (const t of threads.values()) ns += t;
  return ns / 1e6;
}

/** CPU ns so far of each live thread of a process, by thread id (the main thread's is the pid), or null when it is gone. */
export function threadCpuNs(pid) {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        out.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
      } catch {
        // the thread exited between the listing and the read
      }
    }
  } catch {
    return null;
  }
  return out;
}
