// Types for `require('trigger-bridge')` (index.cjs): `module.exports` is the API object, with no `default`.
// Every declaration is in index.d.ts.
import tb = require('./index.js');
export = tb;
