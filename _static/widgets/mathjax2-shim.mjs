// @jupyter-widgets/base typesets labels with the MathJax 2 API (MathJax.Hub.Queue), but Sphinx
// loads MathJax 3, which has no Hub: on a page with both, every widget label throws a TypeError.
// Before the widgets render, give MathJax 3 (or its bare config, when offline) a Hub whose Queue
// typesets through the MathJax 3 API, and does nothing when MathJax is absent.
(function () {
  function addHub() {
    var mathjax = window.MathJax;
    if (mathjax === undefined || mathjax.Hub !== undefined) return;
    mathjax.Hub = {
      Queue: function (job) {
        var current = window.MathJax;
        if (current && typeof current.typesetPromise === "function") {
          current.typesetPromise([job[2]]).catch(function () {});
        }
      },
    };
  }
  addHub();
  document.addEventListener("DOMContentLoaded", addHub);
})();
