'use strict';
// A Hono app: nothing in it knows about FC or SCF.
const { Hono } = require('hono');

const app = new Hono();
app.get('/', (c) => c.json({ hello: c.req.query('name') || 'world', requestId: c.env.context.requestId }));
app.get('/cookies', (c) => {
  c.header('Set-Cookie', 'a=1', { append: true });
  c.header('Set-Cookie', 'b=2', { append: true });
  return c.text('two cookies (a flat header map keeps one: a loss, logged once)');
});
app.post('/echo', async (c) => c.body(await c.req.arrayBuffer(), 200, { 'Content-Type': c.req.header('content-type') || 'application/octet-stream' }));
module.exports = app;
