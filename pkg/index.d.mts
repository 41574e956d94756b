// Types for `import … from 'trigger-bridge'` (index.mjs on Node, browser.mjs in browsers): the named exports
// and a default export holding the whole API. Every declaration is in index.d.ts.
import type { TriggerBridge } from './index.js';

export * from './index.js';
declare const api: TriggerBridge;
export default api;
