// The JSON editor: CodeMirror 6 with line numbers, folding, bracket matching, search and a lint gutter.
// Panels hand it diagnostics (`setDiagnostics`) and point at a JSON pointer (`highlight`); it reads nothing
// itself: every finding comes from the core.
import { EditorView, lineNumbers, highlightActiveLine, highlightActiveLineGutter, keymap, drawSelection, Decoration, placeholder as placeholderText } from '@codemirror/view';
import { EditorState, StateEffect, StateField, Annotation } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { javascript } from '@codemirror/lang-javascript';
import { foldGutter, foldKeymap, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { locate, syntaxErrorOffset } from './locate.mjs';

const pointAt = StateEffect.define();
const pointed = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(pointAt)) marks = e.value ? Decoration.set([Decoration.mark({ class: 'cm-pointed' }).range(e.value.from, e.value.to)]) : Decoration.none;
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});
const programmatic = Annotation.define();

/**
 * An editor in `host` (its `data-label` names it for screen readers) for `language` ('json' or
 * 'javascript'). `onChange()` runs after the user edits (debounced by `delay` ms); setting `value` does not
 * call it.
 */
export function makeEditor(host, { onChange, delay = 120, language = 'json' }) {
  let timer = 0;
  const label = host.dataset.label || 'JSON';
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: '',
      extensions: [
        lineNumbers(), foldGutter(), lintGutter(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(),
        history(), indentOnInput(), bracketMatching(), highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }), language === 'javascript' ? javascript() : json(), pointed,
        EditorView.lineWrapping,
        placeholderText(label),
        keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged || u.transactions.some((t) => t.annotation(programmatic))) return;
          clearTimeout(timer);
          timer = setTimeout(onChange, delay);
        }),
        EditorView.domEventHandlers({
          dragover: (e) => { if (e.dataTransfer?.types.includes('Files')) { e.preventDefault(); host.classList.add('dragover'); } },
          dragleave: () => { host.classList.remove('dragover'); },
          drop: (e) => {
            const file = e.dataTransfer?.files[0];
            host.classList.remove('dragover');
            if (!file) return false;
            e.preventDefault();
            file.text().then((text) => { set(text); onChange(); });
            return true;
          },
        }),
      ],
    }),
  });
  const set = (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: programmatic.of(true) });
  const clamp = (n) => Math.max(0, Math.min(n, view.state.doc.length));

  /** The range a diagnostic covers: its JSON pointer, or the position an `invalid-json` message names. */
  const rangeOf = (d) => {
    const text = view.state.doc.toString();
    if (d.code === 'invalid-json') {
      const at = syntaxErrorOffset(text, d.message);
      if (at === null) return null;
      const from = clamp(at === text.length ? at - 1 : at);
      return { from, to: clamp(from + 1) };
    }
    return d.path === undefined || d.path === null ? null : locate(text, d.path);
  };

  return {
    view,
    get value() { return view.state.doc.toString(); },
    set value(text) { set(text); },
    /** Mark and scroll to what `diagnostic` points at; returns whether it was found. */
    highlight(diagnostic) {
      const range = diagnostic ? rangeOf(diagnostic) : null;
      view.dispatch({ effects: [pointAt.of(range), ...(range ? [EditorView.scrollIntoView(range.from, { y: 'center' })] : [])] });
      return range !== null;
    },
    /** Show the core's diagnostics in the gutter and under the text they point at. */
    setDiagnostics(diagnostics) {
      const marks = [];
      for (const d of diagnostics) {
        const range = rangeOf(d) || { from: 0, to: Math.min(1, view.state.doc.length) };
        marks.push({ from: range.from, to: range.to, severity: d.severity === 'info' ? 'info' : d.severity, source: d.code, message: d.message.replace(/`/g, '') });
      }
      view.dispatch(setDiagnostics(view.state, marks));
    },
  };
}
