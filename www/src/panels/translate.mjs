// Translate events: paste an event, read it as detected (or as a chosen format), see every other format with
// what it loses, and for an unrecognised JSON what each format lacks.
import tb from '../core.mjs';
import { $, h, card, diagnosticsList, errorBox, renderInto, output, pretty, richText, lossList } from '../dom.mjs';
import { HTTP, ALL, TITLES, NOTES, platformOf, groupOf } from '../formats.mjs';
import { makeEditor } from '../editor.mjs';
import { state, save } from '../state.mjs';
import { eventFor, eventCard, requestView } from '../views.mjs';
import { neutralRequest, requestText, canReadRequests } from '../neutral.mjs';
import { codeLink } from '../codes.mjs';

let editor;
let examples = [];
let generation = 0;

export function setup(gallery) {
  // Only the formats this build of the package reads (fixtures of formats still being added are left out).
  examples = gallery.filter((x) => ALL.includes(x.format));
  editor = makeEditor($('event-editor'), { onChange: render });
  const select = $('gallery-events');
  examples.forEach((x, i) => select.append(h('option', { value: i }, x.name)));
  select.addEventListener('change', () => {
    if (select.value === '') return;
    editor.value = examples[Number(select.value)].text;
    render();
  });
  const readAs = $('read-as');
  for (const f of ALL) readAs.append(h('option', { value: f }, `${f} (${TITLES[f]})`));
  readAs.addEventListener('change', () => render());
}

export function restore() {
  editor.value = state.event || (examples.find((e) => e.format === 'aliyun-apigw') || {}).text || '';
  $('read-as').value = ALL.includes(state.readAs) ? state.readAs : '';
  render();
}

/** Read the pasted JSON as `format` from now on ('' = detect). */
function readAs(format) {
  $('read-as').value = format;
  render();
}

/** For a JSON no format matches: what each format lacks, from the core's validation of each reading. */
function lacks(text) {
  return h('section', { class: 'lacks', 'aria-label': 'What each format lacks' },
    h('h2', {}, 'No format matched. What each one lacks:'),
    h('div', { class: 'cards' }, ALL.map((f) => {
      const found = tb.validateEvent(text, { format: f }).diagnostics;
      const errors = found.filter((d) => d.severity === 'error');
      return card(f,
        found.length ? h('ul', { class: 'losses' }, found.map((d) => h('li', { class: d.severity }, codeLink(d.code), ` ${d.severity} at ${d.path || '/'}: `, richText(d.message)))) : null,
        errors.length ? null : h('p', {}, '✓ Nothing required is missing: it can be read as this format.'),
        h('button', { type: 'button', 'data-read-as': f, onclick: () => readAs(f) }, `Read as ${f}`));
    })));
}

async function sourceCard(text, format, forced) {
  const el = card(format, h('p', { class: 'muted' }, forced ? 'The source, read as chosen.' : 'The source format.'), NOTES[format] ? h('p', { class: 'note' }, NOTES[format]) : null);
  el.classList.add('source');
  try {
    // Timer and object events stand for no HTTP request: the card shows the event itself.
    const neutral = HTTP.includes(format) ? await neutralRequest(text, format) : null;
    if (neutral) {
      el.append(h('h4', {}, 'The neutral request'), requestView(neutral, neutral.facts),
        neutral.losses.length ? lossList(neutral.losses) : null,
        h('p', { class: 'note' }, 'As a fetch app receives it (a WHATWG Request): a browser keeps Host only in the URL and hides the headers it forbids scripts to set, such as User-Agent; a GET or HEAD body cannot be carried.'));
      return el;
    }
  } catch (e) {
    el.append(errorBox(e));
    return el;
  }
  el.append(output(pretty(JSON.parse(text)), { label: `${format} event`, file: `${format}.json` }));
  return el;
}

export function render() {
  state.event = editor.value;
  state.readAs = $('read-as').value;
  save();
  const mine = ++generation;
  const text = editor.value.trim();
  const badge = $('detected');
  if (!text) {
    badge.className = 'badge';
    badge.textContent = '';
    editor.setDiagnostics([]);
    $('event-diagnostics').replaceChildren();
    $('event-cards').replaceChildren(h('p', {}, 'Paste an event, drop a file, or pick an example: every other format appears here with what it loses.'));
    return;
  }
  const forced = state.readAs;
  let format = forced || null;
  if (forced) {
    badge.className = `badge ${platformOf(forced)}`;
    badge.textContent = `read as: ${forced}`;
  } else {
    try {
      format = tb.detect(text);
      badge.className = `badge ${platformOf(format)}`;
      badge.textContent = `detected: ${format}`;
    } catch (e) {
      badge.className = 'badge unknown';
      badge.textContent = `not detected (${e.code})`;
    }
  }
  let report = { diagnostics: [] };
  renderInto($('event-diagnostics'), () => {
    report = tb.validateEvent(text, format ? { format } : undefined);
    editor.setDiagnostics(report.diagnostics);
    const first = report.diagnostics.find((d) => d.severity !== 'info');
    editor.highlight(first || null);
    return diagnosticsList(report.diagnostics, (d) => editor.highlight(d));
  });
  const syntax = report.diagnostics.find((d) => d.code === 'invalid-json' || d.code === 'too-deep');
  if (syntax) {
    $('event-cards').replaceChildren(errorBox(syntax, 'The text is not JSON yet: '));
    return;
  }
  if (!format) {
    // The detection error itself is in the diagnostics list; here, what each reading lacks.
    renderInto($('event-cards'), () => lacks(text));
    return;
  }
  const targets = groupOf(format).filter((to) => to !== format);
  const sourceText = pretty(JSON.parse(text));
  // What an app would see: the neutral request of the source and of each target, when the package reads them.
  const requestDiff = canReadRequests() && HTTP.includes(format) && (async (event, to) => {
    const [before, after] = await Promise.all([neutralRequest(text, format), neutralRequest(JSON.stringify(event), to)]);
    return before && after ? [requestText(before), requestText(after)] : null;
  });
  renderInto($('event-cards'), () => [h('div', { class: 'card source-slot' }), ...targets.map((to) => eventCard(eventFor(to, { event: text, from: forced }), { sourceText, requestDiff }))]);
  sourceCard(text, format, forced).then((el) => {
    const slot = $('event-cards').querySelector('.source-slot');
    if (mine === generation && slot) slot.replaceWith(el);
  });
}
