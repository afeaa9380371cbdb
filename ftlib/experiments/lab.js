/* The failure-mode labs on the static page: each experiment was run by ftlib at build time at
 * every slider position (and seed) the page offers; the page looks the run up and shows its
 * accuracies, its table and its description, exactly as ftlib wrote them. */
(function (ftlab) {
  "use strict";
  ftlab.register("experiment", function (data, v) {
    var key = data.keys.map(function (k) { return JSON.stringify(v[k]); }).join("|");
    var p = data.points[key];
    if (!p) return { error: "This combination was not run when the page was built; run the lab live for it." };
    var figure = ftlab.barChart({
      title: data.title, alt: p.alt,
      rows: p.bars.map(function (b, i) { return { label: b[0], value: b[1], text: ftlab.pct(b[1]), cls: b[2] || 0 }; })
    });
    return { headline: p.alt, summary: p.summary, figure: figure };
  });
})(window.ftlab);
