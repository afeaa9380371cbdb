// Loaded after require.js and before embed-amd: makes the widget bundle fetch its icon fonts from
// html-manager-1.0.15/ beside this file, whatever the page's depth. Each module of the bundle
// takes its own AMD location as the base of its font URLs, so those locations are mapped there.
(function () {
  var manager = document.currentScript.src.replace(/[^/]*$/, "") + "html-manager-1.0.15";
  window.__jupyter_widgets_assets_path__ = manager + "/";
  window.require.config({
    paths: { "@jupyter-widgets": manager, "@jupyter-widgets/html-manager/dist": manager },
  });
})();
