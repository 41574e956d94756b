// Cron: translate a timer expression between the clouds' dialects, with next fire times on both sides.
import tb from '../core.mjs';
import { $, h, renderInto, lossList, output } from '../dom.mjs';
import { state, save } from '../state.mjs';

const NAMES = { aliyun: 'Alibaba FC', tencent: 'Tencent SCF' };
const IDS = ['cron-expr', 'cron-from', 'cron-from-tz', 'cron-to-tz'];

export function setup() {
  for (const id of IDS) $(id).addEventListener('input', render);
}

export function restore() {
  if (state.cron) {
    $('cron-expr').value = state.cron.expr;
    $('cron-from').value = state.cron.from;
    $('cron-from-tz').value = state.cron.fromTz || '';
    $('cron-to-tz').value = state.cron.toTz || '';
  }
  render();
}

export function render() {
  const c = { expr: $('cron-expr').value, from: $('cron-from').value, fromTz: $('cron-from-tz').value.trim(), toTz: $('cron-to-tz').value.trim() };
  state.cron = c;
  save();
  const to = c.from === 'aliyun' ? 'tencent' : 'aliyun';
  renderInto($('cron-cards'), () => {
    const opts = { from: c.from, to, fromTz: c.fromTz || undefined, toTz: c.toTz || undefined };
    const source = tb.cron.explain(c.expr, { dialect: c.from, tz: opts.fromTz, count: 5 });
    const t = tb.cron.convert(c.expr, opts);
    const target = tb.cron.explain(t.expression, { dialect: to, tz: opts.toTz ?? (to === 'aliyun' ? undefined : t.toZone.name), count: 5 });
    const side = (dialect, expr, e) => h('article', { class: `card ${dialect}`, 'data-dialect': dialect }, h('h3', {}, NAMES[dialect]),
      output(expr, { label: 'expression', file: `${dialect}-cron.txt`, type: 'text/plain' }), h('p', {}, e.description),
      output(e.next.join('\n'), { label: 'next fire times', file: `${dialect}-next.txt`, type: 'text/plain' }));
    return [side(c.from, c.expr, source), side(to, t.expression, target),
      h('article', { class: 'card' }, h('h3', {}, 'What changed'), lossList(t.losses), h('p', {}, `Zones: ${t.fromZone.name} → ${t.toZone.name}`))];
  });
}
