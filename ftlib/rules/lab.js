/* The getting-started lab on the static page: where a volume falls among the article's bands.
 * Thresholds, band names and advice come from ftlib.rules at build time. */
(function (ftlab) {
  "use strict";
  ftlab.register("volume_band", function (data, v) {
    var r = v.requests_per_month, band = null;
    for (var i = 0; i < data.bands.length; i++) if (data.bands[i].below === null || r < data.bands[i].below) { band = data.bands[i]; break; }
    var x = function (q) { return Math.log10(q); };
    var rows = data.bands.map(function (b, i) {
      return { label: b.name, value: (x(b.below || 1e7) - 3) / 4, text: b.below ? "below " + ftlab.fixed(b.below, 0, true) : "above", cls: b === band ? 1 : 0 };
    });
    var figure = ftlab.barChart({
      title: "Bands by monthly requests (log scale, 1,000 to 10M): " + ftlab.fixed(r, 0, true) + " is " + band.name,
      alt: "The article's volume bands with " + ftlab.fixed(r, 0, true) + " requests a month in the " + band.name + " band.",
      rows: rows
    });
    var head = ftlab.fixed(r, 0, true) + " requests a month: " + band.name + ".";
    return { headline: head, summary: "<p>" + ftlab.esc(band.advice) + "</p>", figure: figure };
  });
})(window.ftlab);
