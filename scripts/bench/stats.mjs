// Timing helpers shared by the benchmark scripts: per-call samples, interleaved rounds, percentiles, formatting.

/** p-th percentile (0..100) of numbers, nearest-rank on a sorted copy. */
export function pct(xs, p) {
  if (!xs.length) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Calls fn() until both `ms` milliseconds and `minIters` calls have passed; pushes each call's time (ms) to out. */
export function sample(fn, { ms, minIters = 1, maxIters = Infinity }, out) {
  const t0 = performance.now();
  let n = 0;
  while ((n < minIters || performance.now() - t0 < ms) && n < maxIters) {
    const a = performance.now();
    fn();
    out.push(performance.now() - a);
    n++;
  }
  return out;
}

/** Summary of per-call samples (ms) for a body of `bytes`. */
export function summarize(samples, bytes) {
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const median = pct(samples, 50);
  return {
    iters: samples.length, median_ms: median, p99_ms: pct(samples, 99), mean_ms: mean, min_ms: samples.reduce((a, b) => Math.min(a, b), Infinity),
    calls_per_s: 1000 / median, mb_per_s: bytes / 1e6 / (median / 1000),
  };
}

/** "12.3 µs" / "4.56 ms" / "1.23 s". */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtBytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} KB`;
  return `${n} B`;
}

export const fmtX = (x) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×` : '—');

/** A Markdown table from a header row and rows of cells. */
export function table(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(all[0]), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}
