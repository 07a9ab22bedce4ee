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

