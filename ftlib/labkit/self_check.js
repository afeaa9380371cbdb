/* A self-check on the static page: the feedback ftlib gives for each offered answer, computed at
 * build time, shown only once the reader picks an answer. */
(function (ftlab) {
  "use strict";
  ftlab.register("self_check", function (data, v) {
    if (v.answer === null || v.answer === undefined) return { headline: "", summary: "" };
    var f = data.feedback[data.values.findIndex(function (x) { return JSON.stringify(x) === JSON.stringify(v.answer); })];
    var label = f.correct ? "Correct" : "Not yet";
    return {
      headline: label + ".",
      summary: '<div class="ftlab-note ' + (f.correct ? "ftlab-correct" : "ftlab-error") + '"><strong>' + label + ".</strong> " + ftlab.esc(f.message) + "</div>"
    };
  });
})(window.ftlab);
