/* The measure-before-training labs on the static page: every comparison and every leak search was
 * run by ftlib at build time for the positions offered; the page looks them up. The interval
 * chart draws ftlib's differences and 95% intervals by test size. */
(function (ftlab) {
  "use strict";
  function lookup(data, v) {
    var key = data.keys.map(function (k) { return JSON.stringify(v[k]); }).join("|");
    return data.points[key];
  }
  ftlab.register("paired_comparison", function (data, v) {
    var p = lookup(data, v);
    if (!p) return { error: "This combination was not run when the page was built; run the lab live for it." };
    var pts = function (i) { return p.sizes.map(function (s, j) { return [s, 100 * p.rows[j][i]]; }); };
    var figure = ftlab.lineChart({
      title: "Candidate minus baseline (points) with its 95% interval, by test size", alt: p.alt,
      xlabel: "test items", yfmt: function (y) { return ftlab.num(y, 0); },
      series: [{ name: "difference", points: pts(0) }, { name: "interval, low", points: pts(1), dash: true },
               { name: "interval, high", points: pts(2), dash: true }],
      marks: [{ x: p.test_size, label: p.test_size + " items" }]
    });
    return { headline: p.verdict, summary: p.summary, figure: figure, notes: p.warnings };
  });
  ftlab.register("leaked_items", function (data, v) {
    var p = lookup(data, v);
    if (!p) return { error: "This combination was not run when the page was built; run the lab live for it." };
    return { headline: p.headline, summary: p.summary, figure: "" };
  });
})(window.ftlab);
