// <mmhook-preview> for docs sites (web/embed/README.md): registers the element class of element.js. The entry of
// dist/embed/mmhook-embed.js (ES module) and dist/embed/mmhook-embed.iife.js (classic script).
import { MmhookPreview, dedent } from './element.js';

export const TAG = 'mmhook-preview';
if (typeof customElements !== 'undefined' && !customElements.get(TAG)) customElements.define(TAG, MmhookPreview);
export { MmhookPreview, dedent };
