// Shared DOM helpers. Text only: nothing untrusted goes through innerHTML.
import { codeLink } from './codes.mjs';
import { TITLES, platformOf } from './formats.mjs';

export const $ = (id) => document.getElementById(id);

/** `h('div', {class, onclick, ...attrs}, ...children)`: an element; strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const pretty = (value) => JSON.stringify(value, null, 2);

/** A message with `code spans` rendered as code (the core's messages quote field names that way). */
export function richText(text) {
  return String(text).split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

/** An error from the core (`code`, `path`, `message`) or any other error, as an alert box. */
export function errorBox(e, prefix = '') {
  const body = e && e.code ? [codeLink(e.code), e.path ? ` at ${e.path}` : '', ': ', richText(e.message)] : richText(e && e.message ? e.message : String(e));
  return h('div', { class: 'error-box', role: 'alert' }, prefix, body);
}

/** Render into a container; a failure shows an error there and never blanks the page. */
export function renderInto(container, build) {
  try {
    container.replaceChildren(...[build()].flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false));
  } catch (e) {
    console.warn(e);
    container.replaceChildren(errorBox(e));
  }
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard permission (a file:// page, an iframe): select the text so the user can copy it.
    const pre = button.closest('.output')?.querySelector('pre');
    if (pre) getSelection().selectAllChildren(pre);
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => { button.textContent = 'Copy'; }, 1500);
}

/** Offer `data` (text or bytes) as a file download. */
export function download(data, name, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * An output block: a <pre> with Copy and Download buttons. `file` is the download's name; `data` what it
 * holds when it differs from the shown text (a binary body), with its `type`.
 */
export function output(text, { label, file = 'output.json', data, type = 'application/json', extra } = {}) {
  const copy = h('button', { type: 'button', class: 'small', 'data-action': 'copy', title: 'Copy to the clipboard', onclick: (e) => copyText(text, e.currentTarget) }, 'Copy');
  const save = h('button', { type: 'button', class: 'small', 'data-action': 'download', title: `Download ${file}`, onclick: () => download(data ?? text, file, type) }, 'Download');
  return h('div', { class: 'output' },
    h('div', { class: 'output-bar' }, label ? h('span', { class: 'output-label' }, label) : null, extra, copy, save),
    h('pre', { tabindex: 0, 'aria-label': label || file }, text));
}

export function card(format, ...children) {
  return h('article', { class: `card ${platformOf(format)}`, 'data-format': format },
    h('h3', {}, TITLES[format], ' ', h('span', { class: `badge ${platformOf(format)}` }, format)), ...children);
}

export function lossList(losses) {
  if (!losses.length) return h('ul', { class: 'losses none' }, h('li', {}, '✓ nothing lost'));
  return h('ul', { class: 'losses', 'aria-label': 'Losses' }, losses.map((l) => h('li', {}, codeLink(l.code), ` ${l.path || '/'}: `, richText(l.message))));
}

/** Diagnostics as a list; each item's button calls `pick(diagnostic)` (to point at it in the editor). */
export function diagnosticsList(diagnostics, pick) {
  if (!diagnostics.length) return [h('li', { class: 'none' }, '✓ No diagnostics')];
  return diagnostics.map((d) =>
    h('li', { class: d.severity },
      codeLink(d.code),
      h('button', { type: 'button', class: d.severity, title: 'Show in the editor', 'data-path': d.path, onclick: () => pick(d) },
        `${d.severity} at ${d.where || d.path || '/'}${d.platform ? ` [${d.platform}]` : ''}: `, richText(d.message))));
}

/** A labelled control that stays together on narrow screens. */
export function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}
