/* Reader layer: figures open full size, wide tables scroll with a cue, long outputs collapse.
   Plain script, no dependencies; loaded on every page (Jupyter Book adds every .js in _static/). */
(function () {
  "use strict";
  var LONG_OUTPUT_PX = 400; // about 20 lines of output text

  function wrapFigures(root) {
    var images = root.querySelectorAll(".bd-content div.cell_output img, .bd-content figure img");
    images.forEach(function (img) {
      if (img.closest("a") || img.closest(".widget-subarea")) return;
      var link = document.createElement("a");
      link.href = img.getAttribute("src");
      link.className = "reader-figure-link";
      link.target = "_blank";
      link.rel = "noopener";
      link.title = "Open the figure at full size";
      img.parentNode.insertBefore(link, img);
      link.appendChild(img);
    });
  }

  // A table that scrolls sideways is a focusable, named region (so a keyboard can scroll it);
  // one that fits is plain content, not one more landmark. Names are unique on a page (axe:
  // landmark-unique): the caption, else the table's number and its first column headers.
  function markScrollable(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("is-scrollable", wide);
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", box.dataset.readerName);
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
    var hint = box.nextElementSibling;
    var hasHint = hint && hint.classList.contains("reader-scroll-hint");
    if (wide && !hasHint) {
      hint = document.createElement("span");
      hint.className = "reader-scroll-hint";
      hint.textContent = "\u2194 The table is wider than the screen: scroll it sideways.";
      box.parentNode.insertBefore(hint, box.nextSibling);
    } else if (!wide && hasHint) {
      hint.remove();
    }
  }

  function tableName(table, number) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heads = [];
    table.querySelectorAll("thead th, tr:first-child th").forEach(function (th) {
      var text = th.textContent.trim();
      if (text && heads.length < 4 && heads.indexOf(text) < 0) heads.push(text);
    });
    return "Table " + number + (heads.length ? ": " + heads.join(", ") : "");
  }

  function wrapTables(root) {
    var boxes = [];
    root.querySelectorAll(".bd-content table").forEach(function (table) {
      if (table.closest(".widget-subarea")) return;
      var parent = table.parentElement;
      var box = parent.classList.contains("pst-scrollable-table-container") ? parent : null;
      if (!box && parent.classList.contains("reader-scroll")) box = parent;
      if (!box) {
        box = document.createElement("div");
        parent.insertBefore(box, table);
        box.appendChild(table);
      }
      box.classList.add("reader-scroll");
      box.dataset.readerName = tableName(table, boxes.length + 1);
      boxes.push(box);
    });
    var update = function () { boxes.forEach(markScrollable); };
    update();
    window.addEventListener("resize", update);
  }

  function collapseLongOutputs(root) {
    root.querySelectorAll(".bd-content div.cell_output > .output > pre, .bd-content div.cell_output pre").forEach(function (pre) {
      if (pre.dataset.readerChecked) return;
      pre.dataset.readerChecked = "1";
      if (pre.scrollHeight <= LONG_OUTPUT_PX * 1.3) return;
      var lines = pre.textContent.split("\n").length;
      pre.classList.add("reader-collapsed");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "reader-output-toggle";
      button.setAttribute("aria-expanded", "false");
      var label = function (open) {
        button.textContent = open ? "Show less" : "Show the whole output (" + lines + " lines)";
      };
      label(false);
      button.addEventListener("click", function () {
        var open = pre.classList.toggle("reader-collapsed") === false;
        button.setAttribute("aria-expanded", String(open));
        label(open);
      });
      pre.parentNode.insertBefore(button, pre.nextSibling);
    });
  }

  // The sidebar's expand buttons (a chapter with labs under it) show only a chevron: give each
  // a name screen readers can say (axe: summary-name).
  function nameExpanders(root) {
    root.querySelectorAll(".bd-sidenav details > summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.getAttribute("aria-label")) return;
      var item = summary.closest("li");
      var link = item ? item.querySelector(":scope > a") : null;
      var title = link ? link.textContent.trim() : "this chapter";
      summary.setAttribute("aria-label", "Show or hide the labs under " + title);
    });
  }

  // On a phone the theme shows "On this page" (and the book's contents) as a modal dialog;
  // following a link to a heading of this page left it open over the text. Close it first,
  // so the jump lands on a visible page (the theme moves the links back on "close").
  function closeDrawerOnJump() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      var dialog = link && link.closest("dialog[open]");
      if (!dialog) return;
      var url = new URL(link.href, location.href);
      if (url.pathname !== location.pathname || !url.hash) return;
      var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
      if (!target) return;
      // close first, then jump: a jump made while the modal is open does not move the page
      event.preventDefault();
      dialog.close();
      history.pushState(null, "", url.hash);
      target.scrollIntoView();
    });
  }

  function run() {
    closeDrawerOnJump();
    nameExpanders(document);
    wrapFigures(document);
    wrapTables(document);
    collapseLongOutputs(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
