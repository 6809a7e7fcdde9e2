// The <mmhook-preview> `slack-diff` view, loaded when an element first shows it: what the Slack translation changed.
import { hc as h } from '../views/h.js';
import { payloadObject, slackRows } from './slack-diff.js';

/** Draws the translated spans of `body` (sent as `contentType`, checked into `report`) into the view's `box`. */
export function renderDiff(box, body, contentType, report) {
  box.querySelector('.mme-diff')?.remove();
  box.querySelector('.mme-empty')?.remove();
  const payload = payloadObject(body, contentType);
  const rows = slackRows(payload, report);
  if (rows.length === 0) {
    box.append(h('p', 'mme-empty', report.ok ? 'No text to translate.' : 'Shown once Mattermost would accept the payload.'));
    return;
  }
  const grid = h('div', 'mme-diff');
  grid.append(h('div', 'mme-diff__head', 'Sent (Slack format)'), h('div', 'mme-diff__head', 'Stored and shown by Mattermost'));
  const side = (spans, which) => {
    const pre = h('pre', `mme-diff__text mme-diff__text--${which}`);
    pre.setAttribute('part', `diff-${which}`);
    for (const s of spans) {
      if (!s.changed) { pre.append(document.createTextNode(s.text)); continue; }
      const m = h(which === 'before' ? 'del' : 'ins', `mme-diff__mark mme-diff__mark--${which}`, s.text);
      m.setAttribute('part', `diff-mark diff-mark-${which}`);
      pre.append(m);
    }
    return pre;
  };
  let changed = 0;
  for (const r of rows) {
    grid.append(h('div', 'mme-diff__label', r.label));
    grid.append(side(r.diff.before, 'before'));
    if (r.diff.changed) { grid.append(side(r.diff.after, 'after')); changed++; } else grid.append(h('div', 'mme-diff__same', 'unchanged'));
  }
  grid.dataset.changed = String(changed);
  box.append(grid);
}
