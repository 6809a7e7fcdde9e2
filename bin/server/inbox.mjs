// The receiver's memory: the last `keep` requests (and at most `keepBytes` of their bodies), nothing on disk.
// Subscribers (the page's event stream, the CLI's log) hear 'entry', 'update' and 'clear'.

export const DEFAULT_KEEP = 200;
export const DEFAULT_KEEP_BYTES = 256 * 1024 * 1024;
const TEXT_CAP = 1024;   // header values shown in the list are cut here

const cut = (s) => (typeof s === 'string' && s.length > TEXT_CAP ? `${s.slice(0, TEXT_CAP)}…` : s);

/** What the list shows of an entry: no body, no diagnostics (those are in detail()). */
export function summary(e) {
  return {
    seq: e.seq, time: e.time, remote: e.remote, method: e.method, path: cut(e.path), id: e.id, query: cut(e.query),
    userAgent: cut(e.userAgent), contentType: cut(e.contentType), size: e.size, truncated: e.truncated, kind: e.kind,
    status: e.status, ok: e.ok, errorId: e.errorId, counts: e.counts, posts: e.posts, note: e.note,
    forward: e.forward ? { state: e.forward.state, status: e.forward.status ?? null, match: e.forward.match ?? null,
      error: e.forward.error ?? null } : null,
  };
}

/** Everything but the body bytes (served apart, exact). */
export function detail(e) {
  return { ...summary(e), query: e.query, userAgent: e.userAgent, contentType: e.contentType, utf8: e.utf8,
    settings: e.settings, answer: e.answer, diagnostics: e.diagnostics, forward: e.forward };
}

export class Inbox {
  constructor({ keep = DEFAULT_KEEP, keepBytes = DEFAULT_KEEP_BYTES } = {}) {
    this.keep = keep;
    this.keepBytes = keepBytes;
    this.entries = [];
    this.bytes = 0;
    this.seq = 0;
    this.listeners = new Set();
  }

  nextSeq() { return ++this.seq; }

  subscribe(fn) { this.listeners.add(fn); return () => this.listeners.delete(fn); }

  emit(type, entry) {
    for (const fn of [...this.listeners]) {
      try { fn(type, entry); } catch { /* a listener's fault, not the receiver's */ }
    }
  }

  add(entry) {
    this.entries.push(entry);
    this.bytes += entry.bytes.length;
    while (this.entries.length > this.keep || (this.bytes > this.keepBytes && this.entries.length > 1)) {
      const old = this.entries.shift();
      this.bytes -= old.bytes.length;
    }
    this.emit('entry', entry);
  }

  update(entry) { this.emit('update', entry); }

  get(seq) { return this.entries.find((e) => e.seq === seq) ?? null; }

  list() { return this.entries.map(summary); }

  clear() {
    this.entries = [];
    this.bytes = 0;
    this.emit('clear', null);
  }
}
