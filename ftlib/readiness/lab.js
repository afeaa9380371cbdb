/* The readiness gate on the static page: ftlib.check_readiness for every combination of the
 * choices offered, and ftlib.recommend for each date offered, looked up here. */
(function (ftlab) {
  "use strict";
  ftlab.register("readiness_gate", function (data, v) {
    var key = data.fields.map(function (f) { return String(v[f]); }).join("|");
    var found = data.results[key];
    if (found === undefined) return { error: "No precomputed answer for these inputs; run the lab live for any other." };
    var items = found.split(",").map(function (i) { return data.items[Number(i)]; });
    var failed = items.filter(function (i) { return !i.passed; });
    var verdict = failed.length ? "not ready: " + failed.length + " item(s) open" : "ready to train";
    var rec = data.recs[v.as_of];
    var list = "<ul>" + items.map(function (i) {
      return "<li>" + ftlab.esc(i.name + ": " + i.reason + (i.next_step ? " Next: " + i.next_step : "")) + "</li>";
    }).join("") + "</ul>";
    var route = "<p>Route the decision flow recommends for this team as of " + ftlab.esc(v.as_of) + ": <strong>" +
      ftlab.esc(rec.title) + "</strong> (" + ftlab.esc(rec.detail) + ")." + (rec.rerouted ? " " + ftlab.esc(rec.rerouted) : "") + "</p>";
    var bars = ftlab.barChart({
      title: "Readiness checklist: " + (items.length - failed.length) + " of " + items.length + " items pass",
      alt: "Checklist of " + items.length + " readiness items; failing: " + (failed.map(function (i) { return i.name; }).join(", ") || "none") + ".",
      rows: items.map(function (i) { return { label: i.name, value: i.passed ? 1 : 0.04, text: i.passed ? "pass" : "FAIL", cls: i.passed ? 2 : 1 }; })
    });
    return { headline: "Verdict: " + verdict + ".", summary: list + route + "<p>" + ftlab.esc(data.review_note) + "</p>", figure: bars };
  });
})(window.ftlab);
