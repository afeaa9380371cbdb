// Sliders drawn by @jupyter-widgets/controls 8 carry role="slider" but no accessible name, so a
// screen reader announces only "slider". Name each handle after its widget's visible description;
// a slider without a description stays unnamed, and the browser tests' axe scan reports it.
(function () {
  function nameSliders() {
    document.querySelectorAll('.widget-slider [role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(function (handle) {
      var widget = handle.closest('.widget-slider');
      var label = widget.querySelector('.widget-label');
      var name = label ? label.textContent.trim() : '';
      if (!name) return;
      if (widget.querySelectorAll('[role="slider"]').length > 1) {
        name += handle.classList.contains('noUi-handle-upper') ? ' (upper end)' : ' (lower end)';
      }
      handle.setAttribute('aria-label', name);
    });
  }
  new MutationObserver(nameSliders).observe(document.documentElement, { childList: true, subtree: true });
})();
