import fs from 'node:fs';
const t = JSON.parse(fs.readFileSync('/tmp/web20/trace.json'));
const ev = t.traceEvents || t;
const names = new Map(); for (const e of ev) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const main = [...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
const byThread = ev.filter((e) => main.includes(`${e.pid}:${e.tid}`) && e.ph === 'X');
const tasks = byThread.filter((e) => e.name === 'RunTask' && e.dur > 60000);
for (const task of tasks) {
  const kids = byThread.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 8000);
  console.log(`task ${(task.dur / 1000).toFixed(0)} ms: ` + kids.slice(0, 10).map((k) => `${k.name}${k.args?.data?.functionName ? '(' + k.args.data.functionName + ')' : ''}${k.args?.data?.type ? '[' + k.args.data.type + ']' : ''} ${(k.dur / 1000).toFixed(0)}`).join(' | '));
}
