// A classic script, so it also runs when the page is opened as a file: there, browsers run neither modules nor
// WebAssembly, and a page whose bundle was never built cannot start. Either way, say how to start the page
// instead of showing "Loading…" forever. Otherwise load the playground's bundle.
(function () {
  function notStarted(why) {
    var status = document.getElementById('status');
    status.className = 'error';
    status.textContent = why + ' Start it with `bash scripts/start.sh` (it builds the page and serves it at http://127.0.0.1:8080/), or build it with `scripts/build-wasm.sh && scripts/build-www.sh` and serve www/ with `node scripts/serve.mjs`.';
    document.body.dataset.ready = 'false';
  }
  if (location.protocol === 'file:') {
    notStarted('This page was opened as a file; browsers do not run its WebAssembly from file:// addresses.');
    return;
  }
  var script = document.createElement('script');
  script.type = 'module';
  script.src = 'tb/app/main.js';
  script.onerror = function () { notStarted('The page is not built yet (tb/app/main.js is missing).'); };
  document.body.appendChild(script);
})();
