// Play back: step through a HAR or JSON lines of `{event, response}`, flagging the steps a platform rejects.
import tb from '../core.mjs';
import { $, h, renderInto, errorBox } from '../dom.mjs';
import { HTTP } from '../formats.mjs';
import { state, save } from '../state.mjs';
import { eventFor, eventCard, clientCard } from '../views.mjs';
import { parseRecording } from '../har.mjs';

let steps = [];
let playing = 0;
let loading = 0;

function analyse(step) {
  const events = HTTP.map((to) => eventFor(to, step));
  const clients = step.result === null ? [] : HTTP.map((format) => tb.clientResponse(step.result, { format }));
  const rejectedBy = new Set([...events.filter((e) => e.errors.length).map((e) => e.to), ...clients.filter((c) => c.gatewayError).map((c) => c.format)]);
  return { events, clients, rejectedBy: [...rejectedBy] };
}

async function load(text) {
  const mine = ++loading;
  state.recording = text;
  if ($('recording').value !== text) $('recording').value = text;
  let parsed;
  try {
    parsed = await parseRecording(text, (event) => tb.detect(event));
  } catch (e) {
    if (mine !== loading) return;
    steps = [];
    renderTimeline();
    $('playback-cards').replaceChildren(errorBox(e, 'Cannot play this back: '));
    return;
  }
  if (mine !== loading) return;
  steps = parsed.map((s) => ({ ...s, analysis: analyse(s) }));
  state.step = Math.min(state.step, Math.max(0, steps.length - 1));
  renderTimeline();
}

function renderTimeline() {
  save();
  renderInto($('timeline'), () => steps.map((s, i) => h('li', { class: s.analysis.rejectedBy.length ? 'flagged' : '' },
    h('button', { type: 'button', 'aria-current': i === state.step ? 'step' : null, onclick: () => { state.step = i; renderTimeline(); } },
      s.label, s.analysis.rejectedBy.length ? h('span', { class: 'flag' }, ` ⚠ rejected by ${s.analysis.rejectedBy.join(', ')}`) : ''))));
  $('step-label').textContent = steps.length ? `Step ${state.step + 1} of ${steps.length}` : 'No recording loaded';
  const step = steps[state.step];
  if (!step) {
    if (!state.recording.trim()) $('playback-cards').replaceChildren();
    return;
  }
  renderInto($('playback-cards'), () => [
    h('h2', { class: 'wide' }, `Request ${step.label}: what each function receives`),
    step.notes.length ? h('p', { class: 'note wide' }, step.notes.join('; ')) : null,
    ...step.analysis.events.map((e) => eventCard(e)),
    h('h2', { class: 'wide' }, 'Response: what each caller receives'),
    ...step.analysis.clients.map(clientCard),
  ]);
}

function move(delta) {
  if (!steps.length) return;
  state.step = (state.step + delta + steps.length) % steps.length;
  renderTimeline();
}

function togglePlay() {
  if (playing) {
    clearInterval(playing);
    playing = 0;
    $('play').textContent = '▶ Play';
    return;
  }
  playing = setInterval(() => {
    if (state.step >= steps.length - 1) return togglePlay();
    move(1);
  }, 1500);
  $('play').textContent = '⏸ Pause';
}

export function setup(gallery) {
  const select = $('gallery-recordings');
  gallery.forEach((x, i) => select.append(h('option', { value: i }, x.name)));
  select.addEventListener('change', () => { if (select.value !== '') load(gallery[Number(select.value)].text); });
  $('recording').addEventListener('input', () => load($('recording').value));
  $('recording-file').addEventListener('change', async (e) => { const f = e.target.files[0]; if (f) load(await f.text()); });
  $('prev').addEventListener('click', () => move(-1));
  $('next').addEventListener('click', () => move(1));
  $('play').addEventListener('click', togglePlay);
}

export function restore() {
  if (state.recording) return load(state.recording);
  renderTimeline();
  return Promise.resolve();
}
