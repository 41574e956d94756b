// The playground's start: tabs, the shared state, the example gallery, and one module per panel. Detection,
// validation, conversion and "what the caller gets" all come from the trigger-bridge WebAssembly core.
import { load } from './core.mjs';
import { $, h } from './dom.mjs';
import { state, save, decodeState, onShared, SHARE_LIMIT } from './state.mjs';
import * as translate from './panels/translate.mjs';
import * as responses from './panels/responses.mjs';
import * as compose from './panels/compose.mjs';
import * as playback from './panels/playback.mjs';
import * as cron from './panels/cron.mjs';
import * as run from './panels/run.mjs';

/* global __VERSION__ */
const TABS = ['translate', 'responses', 'compose', 'playback', 'cron', 'run'];
let ready = false;

function showTab(tab) {
  state.tab = TABS.includes(tab) ? tab : 'translate';
  for (const b of document.querySelectorAll('[role=tab]')) {
    const on = b.dataset.tab === state.tab;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
    $(b.getAttribute('aria-controls')).hidden = !on;
    if (on) b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  if (ready && state.tab === 'run') run.describeEvent();
  save();
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((b, i) => {
    b.addEventListener('click', () => showTab(b.dataset.tab));
    b.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      const next = tabs[(i + d + tabs.length) % tabs.length];
      next.focus();
      showTab(next.dataset.tab);
    });
  });
}

function wireSharing() {
  const note = $('share-note');
  onShared(({ length, tooLarge }) => {
    const kb = (length / 1024).toFixed(1);
    note.className = tooLarge ? 'too-large' : '';
    note.textContent = tooLarge
      ? `This state is too large to share as a link (${kb} KB compressed; links stop at ${SHARE_LIMIT / 1024} KB). Use Download on the outputs instead.`
      : `The link in the address bar restores this state (${kb} KB).`;
    $('copy-link').disabled = tooLarge;
  });
  $('copy-link').addEventListener('click', async (e) => {
    const button = e.currentTarget;
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = 'Link copied';
    } catch {
      button.textContent = 'Copy it from the address bar';
    }
    setTimeout(() => { button.textContent = 'Copy link'; }, 1500);
  });
}

async function main() {
  $('version').textContent = `v${__VERSION__}`;
  wireTabs();
  wireSharing();
  Object.assign(state, (await decodeState(location.hash)) || {});
  showTab(state.tab);
  try {
    await load();
  } catch (e) {
    $('status').textContent = `The WebAssembly core failed to load: ${e.message}`;
    $('status').className = 'error';
    return;
  }
  let examples = { events: [], responses: [], recordings: [] };
  try {
    examples = await (await fetch(new URL('../examples.json', import.meta.url))).json();
  } catch (e) {
    console.warn('no examples', e);
  }
  translate.setup(examples.events);
  responses.setup(examples.responses);
  compose.setup();
  playback.setup(examples.recordings);
  cron.setup();
  run.setup();
  translate.restore();
  responses.restore();
  compose.restore();
  cron.restore();
  await playback.restore();
  run.restore();
  ready = true;
  if (state.tab === 'run') run.describeEvent();
  $('status').textContent = 'Ready. Everything runs locally in WebAssembly.';
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  console.error(e);
  $('status').textContent = `Something went wrong: ${e.message}`;
  $('status').className = 'error';
});

