import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync('/tmp/web20/prof.json'));
const byId = new Map(p.nodes.map((n) => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
const target = process.argv[2];
const stacks = new Map();
p.samples.forEach((id, i) => { let n = byId.get(id); if (!name(n).startsWith(target)) return; const st = []; let c = id; for (let d = 0; d < 14 && c; d++) { st.push(name(byId.get(c)).replace(/@.*?\.js/, '')); c = parent.get(c); } const k = st.join(' < '); stacks.set(k, (stacks.get(k) || 0) + (p.timeDeltas[i + 1] || 0) / 1000); });
console.log([...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${v.toFixed(0)} ${k}`).join('\n\n'));
