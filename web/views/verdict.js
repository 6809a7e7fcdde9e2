// The verdict view (page and embed): what Mattermost would answer for a Report, in one box.
import { h, plural } from './h.js';

/**
 * Draws `report` into `el` (class verdict verdict--ok|error). note: an extra sentence (e.g. an attribute problem).
 * Unchanged verdicts leave the DOM alone (most keystrokes), so nothing is restyled for nothing.
 */
export function renderVerdict(el, report, { note = '' } = {}) {
  const r = report;
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning').length;
  const key = JSON.stringify([r.ok, r.status, r.error, r.posts.length, warnings, note]);
  if (el._verdictKey === key && el.firstChild) return;
  el._verdictKey = key;
  el.className = `verdict verdict--${r.ok ? 'ok' : 'error'}`;
  const parts = [h('span', { class: `verdict__icon icon icon-${r.ok ? 'check-circle-outline' : 'alert-circle-outline'}`, 'aria-hidden': 'true' })];
  if (r.ok) {
    const n = r.posts.length;
    parts.push(h('strong', { class: 'verdict__title', text: 'Mattermost would answer 200 ok' }),
      h('span', { class: 'verdict__detail', text: ` — ${n > 1 ? `split into ${n} posts` : `${plural(n, 'post')} created`}` +
        (warnings ? `, ${plural(warnings, 'warning')}` : '') }));
  } else {
    parts.push(h('strong', { class: 'verdict__title', text: `Mattermost would answer ${r.status || 'an error'}` }));
    if (r.error) {
      parts.push(h('div', { class: 'verdict__line' }, h('code', { class: 'verdict__id', text: r.error.id })),
        h('div', { class: 'verdict__line verdict__message', text: r.error.message }));
      if (r.error.detailed_error) {
        parts.push(h('div', { class: 'verdict__line verdict__detail' }, h('span', { class: 'verdict__label', text: 'detailed_error: ' }),
          r.error.detailed_error));
      }
    }
    if (warnings) parts.push(h('div', { class: 'verdict__line verdict__detail', text: `and ${plural(warnings, 'warning')}` }));
  }
  if (note) parts.push(h('div', { class: 'verdict__line verdict__note', text: note }));
  el.replaceChildren(...parts);
}

/** A start-up or internal failure, shown in the verdict box as an error (never in the green "ok" style). */
export function renderFailure(el, message) {
  el._verdictKey = null;
  el.className = 'verdict verdict--error';
  el.replaceChildren(h('span', { class: 'verdict__icon icon icon-alert-circle-outline', 'aria-hidden': 'true' }),
    h('strong', { class: 'verdict__title', text: message }));
}
