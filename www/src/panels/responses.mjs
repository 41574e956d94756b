// Responses: paste what a function returns and see what each platform's caller receives.
import tb from '../core.mjs';
import { $, h, diagnosticsList, renderInto } from '../dom.mjs';
import { HTTP } from '../formats.mjs';
import { makeEditor } from '../editor.mjs';
import { state, save } from '../state.mjs';
import { clientCard } from '../views.mjs';

let editor;
let examples = [];

export function setup(gallery) {
  examples = gallery;
  editor = makeEditor($('result-editor'), { onChange: render });
  const select = $('gallery-responses');
  gallery.forEach((x, i) => select.append(h('option', { value: i }, x.name)));
  select.addEventListener('change', () => {
    if (select.value === '') return;
    editor.value = gallery[Number(select.value)].text;
    render();
  });
}

export function restore() {
  editor.value = state.result || (examples.find((e) => e.name === 'alibaba-node-sample') || {}).text || '';
  render();
}

export function render() {
  state.result = editor.value;
  save();
  const text = editor.value.trim();
  if (!text) {
    editor.setDiagnostics([]);
    $('result-diagnostics').replaceChildren();
    $('response-cards').replaceChildren(h('p', {}, 'Paste what your function returns: each platform\'s caller response appears here.'));
    return;
  }
  renderInto($('result-diagnostics'), () => {
    // The strictest reading (Tencent API Gateway) and Alibaba's, each diagnostic once.
    const seen = new Set();
    const all = [...tb.validateResponse(text, { format: 'tencent-apigw' }).diagnostics, ...tb.validateResponse(text, { format: 'aliyun-http' }).diagnostics]
      .filter((d) => { const k = `${d.code} ${d.path} ${d.message}`; return !seen.has(k) && seen.add(k); });
    editor.setDiagnostics(all);
    editor.highlight(all.find((d) => d.severity === 'error') || all[0] || null);
    return diagnosticsList(all, (d) => editor.highlight(d));
  });
  renderInto($('response-cards'), () => HTTP.map((format) => clientCard(tb.clientResponse(text, { format }))));
}
