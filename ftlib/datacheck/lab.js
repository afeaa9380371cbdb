/* The data-check lab on the static page: ftlib.check_training_data on the shipped samples for every
 * test file, model and epoch count offered, run at build time. Report parts are stored once and
 * referred to by index. Upload and typed paths need a kernel: those controls are disabled. */
(function (ftlab) {
  "use strict";
  ftlab.register("data_check", function (data, v) {
    var p = data.points[[v.source, v.test, v.model, v.epochs].map(function (x) { return JSON.stringify(x); }).join("|")];
    if (!p) return { error: "This combination was not run when the page was built; run the lab live for it." };
    return {
      headline: p.headline,
      summary: p.parts.map(function (i) { return data.parts[i]; }).join(""),
      notes: p.warnings.map(function (i) { return data.parts[i]; })
    };
  });
})(window.ftlab);
