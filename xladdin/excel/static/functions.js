/*
 * xladdin — bridge between Excel's custom-functions runtime and `xladdin serve` (generated; do not edit).
 *
 * Excel calls a function once per cell. The calls of one function made within $batch_delay ms are gathered and
 * posted together to the batch endpoint with the bearer token (Office's "batch custom function calls to a
 * remote service" pattern); each call gets back its own cells. Functions are registered below from the
 * server's /xlwings/custom-functions-meta.
 */
(function () {
  "use strict";

  var BATCH_URL = $batch_url;
  var TOKEN = $token;
  var XLWINGS_VERSION = $xlwings_version;
  var BATCH_DELAY_MS = $batch_delay;      // calls of the same moment share a request
  var MAX_BATCH_CELLS = $batch_cells;     // argument cells in one request (the server's limit is four times this)
  var MAX_IN_FLIGHT = 8;

  var runtime = "1.1";
  var inFlight = 0;
  var waiting = [];
  var pending = {};                       // function name -> {calls: [...], cells: n, timer}

  Office.onReady(function () {
    var versions = ["1.4", "1.3", "1.2"];
    for (var i = 0; i < versions.length; i++) {
      if (Office.context.requirements.isSetSupported("CustomFunctionsRuntime", versions[i])) {
        runtime = versions[i];
        break;
      }
    }
  });

  // A recalculation of thousands of cells must not open thousands of connections.
  function acquire() {
    if (inFlight < MAX_IN_FLIGHT) {
      inFlight += 1;
      return Promise.resolve();
    }
    return new Promise(function (resolve) { waiting.push(resolve); });
  }

  function release() {
    var next = waiting.shift();
    if (next) { next(); } else { inFlight -= 1; }
  }

  function failure(text) {
    return [["#XLADDIN! " + String(text).slice(0, 240)]];
  }

  function cellsOf(args) {
    var n = 0;
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      n += Array.isArray(a) ? a.length * (Array.isArray(a[0]) ? Math.max(a[0].length, 1) : 1) : 1;
    }
    return n;
  }

  async function send(name, calls) {
    var body = JSON.stringify({
      func_name: name,
      calls: calls.map(function (c) { return c.args; }),
      caller_addresses: calls.map(function (c) { return c.address; }),
      version: XLWINGS_VERSION,
      runtime: runtime,
      client: "Office.js"
    });
    var results;
    await acquire();
    try {
      var response = await fetch(BATCH_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + TOKEN },
        body: body
      });
      if (!response.ok) {
        var refused = failure("serveur xladdin : " + response.status + " " + (await response.text()));
        results = calls.map(function () { return refused; });
      } else {
        results = (await response.json()).results;
      }
    } catch (error) {
      var unreachable = failure("serveur xladdin injoignable (" + error + ")");
      results = calls.map(function () { return unreachable; });
    } finally {
      release();
    }
    for (var i = 0; i < calls.length; i++) {
      calls[i].resolve(results && results[i] !== undefined ? results[i] : failure("réponse incomplète du serveur"));
    }
  }

  function flush(name) {
    var batch = pending[name];
    if (!batch) { return; }
    delete pending[name];
    clearTimeout(batch.timer);
    send(name, batch.calls);
  }

  function call(name, argumentsList) {
    var args = Array.prototype.slice.call(argumentsList, 0, -1);
    var invocation = argumentsList[argumentsList.length - 1] || {};
    var cells = cellsOf(args);
    return new Promise(function (resolve) {
      var batch = pending[name];
      if (batch && batch.cells + cells > MAX_BATCH_CELLS) {
        flush(name);
        batch = null;
      }
      if (!batch) {
        batch = pending[name] = { calls: [], cells: 0, timer: null };
        batch.timer = setTimeout(function () { flush(name); }, BATCH_DELAY_MS);
      }
      batch.calls.push({ args: args, address: invocation.address || null, resolve: resolve });
      batch.cells += cells;
    });
  }

$associations
})();
