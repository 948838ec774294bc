/*
 * xladdin — bridge between Excel's custom-functions runtime and `xladdin serve` (generated; do not edit).
 *
 * Each Excel function posts its arguments to $call_path with the bearer token and returns the cells the
 * server answers. Functions are registered below from the server's /xlwings/custom-functions-meta.
 */
(function () {
  "use strict";

  var CALL_URL = $call_url;
  var TOKEN = $token;
  var XLWINGS_VERSION = $xlwings_version;
  var MAX_IN_FLIGHT = 8;

  var runtime = "1.1";
  var inFlight = 0;
  var waiting = [];

  Office.onReady(function () {
    var versions = ["1.4", "1.3", "1.2"];
    for (var i = 0; i < versions.length; i++) {
      if (Office.context.requirements.isSetSupported("CustomFunctionsRuntime", versions[i])) {
        runtime = versions[i];
        break;
      }
    }
  });

  // Excel fires one call per cell: a sheet of per-row formulas must not open thousands of connections.
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

  async function call(name, argumentsList) {
    var args = Array.prototype.slice.call(argumentsList, 0, -1);
    var invocation = argumentsList[argumentsList.length - 1] || {};
    var body = JSON.stringify({
      func_name: name,
      args: args,
      caller_address: invocation.address || null,
      version: XLWINGS_VERSION,
      runtime: runtime,
      client: "Office.js"
    });
    await acquire();
    try {
      var response = await fetch(CALL_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + TOKEN },
        body: body
      });
      if (!response.ok) {
        return failure("serveur xladdin : " + response.status + " " + (await response.text()));
      }
      return (await response.json()).result;
    } catch (error) {
      return failure("serveur xladdin injoignable (" + error + ")");
    } finally {
      release();
    }
  }

$associations
})();
