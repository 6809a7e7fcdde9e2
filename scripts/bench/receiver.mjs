#!/usr/bin/env node
// Receiver measurements (issue 18): throughput of POST /hooks/<id> with a 3 KB body (our own keep-alive load
// generator, N connections, T seconds, the server in its own process) and request-to-inbox latency (POST sent ->
// entry visible in the page's inbox in Chromium, median and p95). Usage:
//   node scripts/bench/receiver.mjs [--seconds 5] [--connections 16] [--latency 60] [--skip throughput,latency]
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const SECONDS = Number(opt('--seconds', 5));
const CONNECTIONS = Number(opt('--connections', 16));
const LATENCY_N = Number(opt('--latency', 60));
const SKIP = new Set(opt('--skip', '').split(',').filter(Boolean));

/** A 3 KB alert-like payload (valid, one attachment with fields). */
export function body3k() {
  const fields = Array.from({ length: 12 }, (_, i) => ({ title: `label_${i}`, value: `value number ${i} for this alert`, short: true }));
  const p = { text: '#### :rotating_light: [FIRING:3] HighRequestLatency (api, production)', username: 'Alertmanager',
    attachments: [{ color: '#e40303', title: 'HighRequestLatency', title_link: 'https://alertmanager.example.com/#/alerts',
      text: 'The 99th percentile of request latency is above 2 s for 10 minutes. '.repeat(12), fields }] };
  let s = JSON.stringify(p);
  while (s.length < 3000) { p.attachments[0].footer = (p.attachments[0].footer || '') + 'x'.repeat(50); s = JSON.stringify(p); }
  return s;
}

function startServer() {
  const child = spawn(process.execPath, [path.join(root, 'bin/mmhook.mjs'), 'serve', '--port', '0', '--quiet', '--keep', '200'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (c) => { err += c; });
    child.stdout.on('data', (c) => { if (err.length < 4096) err += c; });
    const t = setInterval(() => {
      const m = /previewer: (http:\S+)/.exec(err);
      if (m) { clearInterval(t); resolve({ child, url: m[1] }); }
    }, 20);
    child.on('close', () => { clearInterval(t); reject(new Error(err)); });
  });
}

async function throughput(url, body) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const u = new URL('/hooks/bench', url);
  const end = Date.now() + SECONDS * 1000;
  let done = 0;
  let bad = 0;
  const worker = () => new Promise((resolve) => {
    const one = () => {
      if (Date.now() >= end) { resolve(); return; }
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => { if (res.statusCode === 200) done++; else bad++; one(); });
      });
      req.on('error', () => { bad++; one(); });
      req.end(body);
    };
    one();
  });
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const s = (Date.now() - t0) / 1000;
  agent.destroy();
  return { rps: done / s, done, bad, seconds: s };
}

async function latency(url, body) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox',
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('[data-role="inbox"][data-connected="true"]', { state: 'attached', timeout: 15000 });
    // The page records when each entry's row appears (wall clock, as the sender's).
    await page.evaluate(() => {
      window.__seen = {};
      const list = document.querySelector('[data-role="inbox"]');
      new MutationObserver(() => {
        for (const row of list.querySelectorAll('[data-hook-id]')) {
          const id = row.getAttribute('data-hook-id');
          if (!(id in window.__seen)) window.__seen[id] = Date.now();
        }
      }).observe(list, { childList: true, subtree: true });
    });
    const samples = [];
    for (let i = 0; i < LATENCY_N; i++) {
      const id = `lat${i}`;
      const sent = Date.now();
      await fetch(new URL(`/hooks/${id}`, url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      await page.waitForFunction((k) => k in window.__seen, id, { timeout: 10000, polling: 5 });
      samples.push((await page.evaluate((k) => window.__seen[k], id)) - sent);
      await new Promise((r) => setTimeout(r, 20));
    }
    samples.sort((a, b) => a - b);
    const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
    return { n: samples.length, median: q(0.5), p95: q(0.95), max: samples.at(-1) };
  } finally {
    await browser.close();
  }
}

async function main() {
  const body = body3k();
  const { child, url } = await startServer();
  try {
    console.log(`receiver bench: body ${Buffer.byteLength(body)} bytes, server ${url}, node ${process.version}`);
    if (!SKIP.has('throughput')) {
      const t = await throughput(url, body);
      console.log(`throughput: ${t.rps.toFixed(0)} requests/s (${t.done} answered 200, ${t.bad} other, ${CONNECTIONS} keep-alive ` +
        `connections, ${t.seconds.toFixed(1)} s; load generator: scripts/bench/receiver.mjs)`);
    }
    if (!SKIP.has('latency')) {
      const l = await latency(url, body);
      console.log(`request-to-inbox latency over ${l.n} requests: median ${l.median} ms, p95 ${l.p95} ms, max ${l.max} ms`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
