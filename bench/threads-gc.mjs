/**
 * Where a command's CPU and GC go, thread by thread (issue #15): runs the command
 * (a node process, started directly, no shell) and polls its threads' CPU in
 * /proc/PID/task/* every 20 ms (a thread's last figure is kept when it ends: a
 * worker's, V8's helper threads'), and its peak RSS (VmHWM). With `--trace-gc`
 * among the node flags, the GC lines of its standard output are summed per
 * isolate (the main thread's is the first seen; a worker's the others): count
 * and pause ms of scavenges and of full collections. Pause ms are the isolate's
 * own stops; the scavenges' parallel work on V8's helper threads shows in those
 * threads' CPU. Other lines of its output are passed through.
 * Run: node bench/threads-gc.mjs node --trace-gc [FLAGS] SCRIPT [ARGS]
 * Prints one JSON line (to stderr) when the command ends.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: node bench/threads-gc.mjs node --trace-gc [FLAGS] SCRIPT [ARGS]');
const ticks = 100; // USER_HZ on Linux
const started = performance.now();
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
/** tid → { name, cpu ms } at its last poll. */
const threads = new Map();
let peakKb = 0;
const poll = () => {
  let tids;
  try {
    tids = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
      threads.set(tid, { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  try {
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
  } catch {
    // the process ended
  }
};
const timer = setInterval(poll, 20);
/** isolate → { scavenges, scavengeMs, full, fullMs } */
const isolates = new Map();
const gcLine = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (Scavenge|Minor Mark-Compact|Mark-Compact|Mark-sweep)\b.*?MB, ([\d.]+) \/ [\d.]+ ms/;
createInterface({ input: child.stdout }).on('line', (line) => {
  const gc = gcLine.exec(line);
  if (!gc) {
    if (!/^\[\d+:0x[0-9a-f]+\]/.test(line)) console.log(line);
    return;
  }
  const [, isolate, kind, pause] = gc;
  const sums = isolates.get(isolate) ?? { scavenges: 0, scavengeMs: 0, full: 0, fullMs: 0 };
  if (kind === 'Scavenge' || kind === 'Minor Mark-Compact') {
    sums.scavenges++;
    sums.scavengeMs += Number(pause);
  } else {
    sums.full++;
    sums.fullMs += Number(pause);
  }
  isolates.set(isolate, sums);
});
child.on('exit', (code) => {
  clearInterval(timer);
  const wallMs = Math.round(performance.now() - started);
  const byName = {};
  const list = [...threads.entries()].map(([tid, { name, ms }]) => ({ tid: Number(tid), name, ms }));
  for (const { name, ms } of list) byName[name] = (byName[name] ?? 0) + ms;
  const main = list.find((thread) => thread.tid === child.pid);
  const busiest = list.filter((thread) => thread.tid !== child.pid && thread.ms >= 200).map(({ tid, name, ms }) => `${name}#${tid}: ${ms}`);
  const gc = [...isolates.values()].map((sums, k) => ({ isolate: k === 0 ? 'main' : `worker ${k}`, ...sums, scavengeMs: Math.round(sums.scavengeMs), fullMs: Math.round(sums.fullMs) }));
  console.error(JSON.stringify({ code, wallMs, cpuMs: list.reduce((sum, thread) => sum + thread.ms, 0), peakRssMb: Math.round(peakKb / 1024), mainThreadMs: main?.ms, byName, busiest, gc }));
});
