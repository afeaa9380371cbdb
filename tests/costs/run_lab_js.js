/* Runs the break-even page's own scripts (ftlib/labkit/core.js, ftlib/costs/lab.js) under Node,
 * with no browser: reads {data, cases} as JSON on stdin, writes one result per case on stdout.
 * Used by tests/costs/test_lab_js_parity.py. */
"use strict";
const fs = require("fs");
const vm = require("vm");
const [core, lab] = process.argv.slice(2);
const sandbox = {
  window: {},
  document: { querySelectorAll: () => [] },
  performance: { now: () => 0 },
  BigInt,
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(core, "utf8"), sandbox, { filename: core });
vm.runInContext(fs.readFileSync(lab, "utf8"), sandbox, { filename: lab });
const ftlab = sandbox.window.ftlab;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.cases.map((values) => {
  try {
    const r = ftlab.labs.break_even(input.data, values);
    return { rows: r.rows, horizon: r.horizon, gpus: r.gpus };
  } catch (e) {
    return { error: String(e.message) };
  }
});
process.stdout.write(JSON.stringify(out));
