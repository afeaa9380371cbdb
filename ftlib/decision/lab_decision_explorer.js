/* The decision explorer on the static page: every answer is ftlib.recommend's, computed at build
 * time for each combination of the controls (answers x provider x volume x date) and looked up
 * here, with the alternatives to weigh. Each distinct answer and string is stored once and referred to by index. */
(function (ftlab) {
  "use strict";
  ftlab.register("decision_explorer", function (data, v) {
    var bits = data.flags.reduce(function (n, f) { return 2 * n + (v[f] ? 1 : 0); }, 0);
    var i = [data.providers.indexOf(v.provider), data.volumes.indexOf(v.requests_per_month), data.dates.indexOf(v.as_of)];
    var rec = i.indexOf(-1) >= 0 ? undefined
      : data.recs[data.table[((bits * data.providers.length + i[0]) * data.volumes.length + i[1]) * data.dates.length + i[2]]];
    if (!rec) return { error: "No precomputed answer for these inputs; run the lab live for any other." };
    var S = function (i) { return data.strings[i]; };
    var leaf = data.leaves[rec.approach], flowLeaf = data.leaves[rec.flow_approach];
    var head = "As of " + v.as_of + ": " + leaf.title + " (" + leaf.detail + ").";
    if (rec.approach !== rec.flow_approach) head += " The flow itself ends at " + flowLeaf.title + ", which is closed as of that date.";
    var path = "<ol class=\"ftlab-path\">" + rec.path.map(function (p) {
      return "<li>" + ftlab.esc(data.questions[p[0]]) + " <strong>" + (p[1] ? "yes" : "no") + "</strong>: " + ftlab.esc(S(p[2])) + "</li>";
    }).join("") + "<li>Ends at <strong>" + ftlab.esc(flowLeaf.title) + "</strong></li></ol>";
    var list = function (cls, items) {
      return "<ul class=\"" + cls + "\">" + items.map(function (i) { return "<li>" + ftlab.esc(S(i)) + "</li>"; }).join("") + "</ul>";
    };
    var reasons = list("ftlab-reasons", rec.reasons);
    /* The other routes to weigh, each with its date and confidence (ftlib's rec.alternatives). */
    var also = rec.alternatives.length ? "<h4>Also weigh</h4>" + list("ftlab-alternatives", rec.alternatives) : "";
    return {
      headline: head,
      summary: "<h4>The path through the flow</h4>" + path + "<h4>Why</h4>" + reasons + also,
      notes: rec.warnings.map(S)
    };
  });
})(window.ftlab);
