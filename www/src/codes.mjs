// Every loss, diagnostic and error code links to its explanation: the text of docs/codes.md, turned into
// tb/codes.json at build time and bundled with the page.
import sections from '../tb/codes.json';

const known = new Map(sections.flatMap((s) => s.codes.map((c) => [c.code, { ...c, section: s.title }])));

/** The explanation of `code` (`{code, meaning, section}`), or undefined. */
export const explain = (code) => known.get(code);

const el = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  Object.assign(e, attrs);
  e.append(...children);
  return e;
};
const rich = (text) => String(text).replace(/\*\*/g, '').split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));

let dialog = null;
function build() {
  dialog = el('dialog', { id: 'codes-dialog', className: 'codes-dialog' });
  dialog.setAttribute('aria-labelledby', 'codes-title');
  const close = el('button', { type: 'button', className: 'small', textContent: 'Close' });
  close.addEventListener('click', () => dialog.close());
  const body = el('div', { className: 'codes-body' });
  for (const s of sections) {
    const list = el('dl', {});
    for (const c of s.codes) list.append(el('dt', { id: `code-${c.code}` }, el('code', {}, c.code)), el('dd', {}, ...rich(c.meaning)));
    body.append(el('h2', {}, s.title), el('p', {}, ...rich(s.intro)), list);
  }
  dialog.append(el('header', {}, el('h2', { id: 'codes-title' }, 'Codes (docs/codes.md)'), close), body);
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); }); // the backdrop
  document.body.append(dialog);
}

/** Open the codes dialog at `code`. */
export function openCode(code) {
  if (!dialog) build();
  for (const x of dialog.querySelectorAll('.current')) x.classList.remove('current');
  const dt = dialog.querySelector(`#code-${CSS.escape(code)}`);
  if (!dialog.open) dialog.showModal();
  if (dt) {
    dt.classList.add('current');
    dt.nextElementSibling?.classList.add('current');
    dt.scrollIntoView({ block: 'center' });
  }
}

/** A code as a link to its explanation (plain code text when docs/codes.md does not list it). */
export function codeLink(code) {
  const c = known.get(code);
  if (!c) return el('code', { className: 'code' }, code);
  const a = el('a', { className: 'code-link', href: `#code-${code}`, title: c.meaning.replace(/`/g, '') }, el('code', {}, code));
  a.dataset.code = code;
  a.addEventListener('click', (e) => {
    e.preventDefault(); // the address bar holds the shared state
    openCode(code);
  });
  return a;
}
