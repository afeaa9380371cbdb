/* The 'when not' quiz on the static page: the story and ftlib's feedback for every scenario and
 * answer, computed at build time. No verdict shows until the reader picks a call; choosing another
 * scenario clears the call. */
(function (ftlab) {
  "use strict";
  var last = {};
  ftlab.register("when_not", function (data, v, root) {
    var answer = root.querySelector('[data-name="answer"]');
    if (last[root.id] !== undefined && last[root.id] !== v.scenario_id) { answer.selectedIndex = 0; v.answer = ""; }
    last[root.id] = v.scenario_id;
    var s = data.scenarios[v.scenario_id];
    var story = "<p><em>" + ftlab.esc(s.story) + "</em></p>";
    if (!v.answer) return { headline: "Scenario " + v.scenario_id + ": pick your call.", summary: story };
    var f = s.feedback[v.answer];
    var verdict = (f.correct ? "Correct" : "Not yet") + ". " + f.message;
    return {
      headline: (f.correct ? "Correct" : "Not yet") + ": " + v.answer + " for " + v.scenario_id + ".",
      summary: story + '<div class="ftlab-note ' + (f.correct ? "ftlab-correct" : "ftlab-error") + '">' + ftlab.esc(verdict) + "</div>"
    };
  });
})(window.ftlab);
