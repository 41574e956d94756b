// The page's state lives in the address bar: `#z=` then base64url of the deflate-raw compressed JSON
// (the browser's own CompressionStream). Links from before compression (`#s=`, plain base64) still open.

/** Links longer than this are not written: many chat tools and servers cut long URLs. */
export const SHARE_LIMIT = 32 * 1024;

export const state = { tab: 'translate', event: '', readAs: '', result: '', compose: null, composeKind: 'request', composeObject: null, composeMessage: null, curl: '', cron: null, recording: '', step: 0, handler: null };

const toBase64url = (bytes) => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromBase64url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The state as the text after `#`. */
export async function encodeState(s) {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  return `z=${toBase64url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
}

/** The state in a location hash, or null when there is none or it cannot be read. */
export async function decodeState(hash) {
  try {
    if (hash.startsWith('#z=')) return JSON.parse(new TextDecoder().decode(await pipe(fromBase64url(hash.slice(3)), new DecompressionStream('deflate-raw'))));
    if (hash.startsWith('#s=')) return JSON.parse(new TextDecoder().decode(fromBase64url(hash.slice(3))));
  } catch {
    // fall through: a damaged link opens the default page
  }
  return null;
}

let timer = 0;
let onShare = () => {};
/** `listener({length, tooLarge})` hears after each write of the address bar. */
export function onShared(listener) { onShare = listener; }

/** Write the state into the address bar soon (debounced); a state too large to share clears the hash. */
export function save() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const hash = await encodeState(state);
    const tooLarge = hash.length > SHARE_LIMIT;
    history.replaceState(null, '', tooLarge ? `${location.pathname}${location.search}` : `#${hash}`);
    onShare({ length: hash.length, tooLarge });
  }, 150);
}
