/* "Changed since this page was built": compares the reader's date with the build date.
   The page carries its data (<script type="application/json" id="ftlib-dated-events">, written
   by _ext/dated_prose.py from ftlib's catalog at build time): the build day, an age limit and
   every route or price event dated after the build. When the reader's date is past any of
   them, a note at the top of the page lists them with their dates and a link to re-check;
   past the age limit it says the page may be stale. No network, no dependencies. */
(function () {
  "use strict";
  // Events listed before the rest fold under "more": fewer on a phone, where each takes lines.
  var SHOWN = window.matchMedia && window.matchMedia("(max-width: 600px)").matches ? 3 : 6;

  function isoDay(d) {
    function two(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function daysBetween(a, b) {
    function utc(s) {
      var p = s.split("-");
      return Date.UTC(+p[0], +p[1] - 1, +p[2]);
    }
    return Math.round((utc(b) - utc(a)) / 86400000);
  }

  function siteRoot() {
    var root = document.documentElement.getAttribute("data-content_root");
    if (root !== null) return root;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute("src");
      var at = src.indexOf("_static/changes.js");
      if (at >= 0) return src.slice(0, at);
    }
    return "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function eventItem(e) {
    var li = el("li");
    // a date known only as a bound ("no earlier than") says so: the event may not have come
    var label = e.bound === "no_earlier_than" ? "no earlier than " + e.date : e.date;
    var time = el("time", "ftlib-changes-date", label);
    time.setAttribute("datetime", e.date);
    li.appendChild(time);
    li.appendChild(document.createTextNode(" " + e.text + " (" + e.confidence + ")"));
    if (e.source) li.title = "Source: " + e.source;
    return li;
  }

  function banner(data, today) {
    var built = data.built_on;
    if (!built || today <= built) return null;
    var passed = (data.events || []).filter(function (e) {
      return e.date > built && e.date <= today;
    });
    var age = daysBetween(built, today);
    var stale = age > data.stale_after_days;
    if (!passed.length && !stale) return null;

    var box = el("aside", "ftlib-changes");
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", "Changes since this page was built");
    box.appendChild(
      el("p", "ftlib-changes-title", passed.length
        ? "Changed since this page was built on " + built
        : "This page may be stale")
    );
    var lead = "Today is " + today + ", " + age + " day" + (age === 1 ? "" : "s") +
      " after this page was built; its sentences and figures were computed on " + built + ".";
    if (passed.length) {
      lead += " The course's data dates " + (passed.length === 1 ? "this event" :
        "these " + passed.length + " events") + " in between:";
    } else {
      lead += " That is more than " + data.stale_after_days +
        " days: prices and routes may have changed since.";
    }
    box.appendChild(el("p", "ftlib-changes-lead", lead));
    if (passed.length) {
      var list = el("ul", "ftlib-changes-list");
      passed.slice(0, SHOWN).forEach(function (e) {
        list.appendChild(eventItem(e));
      });
      box.appendChild(list);
      if (passed.length > SHOWN) {
        var more = el("details", "ftlib-changes-more");
        more.appendChild(el("summary", "", (passed.length - SHOWN) + " more"));
        var rest = el("ul", "ftlib-changes-list");
        passed.slice(SHOWN).forEach(function (e) {
          rest.appendChild(eventItem(e));
        });
        more.appendChild(rest);
        box.appendChild(more);
      }
      if (stale) {
        box.appendChild(el("p", "ftlib-changes-lead", "The page is also more than " +
          data.stale_after_days + " days old: other prices and routes may have changed."));
      }
    }
    var again = el("p", "ftlib-changes-recheck");
    again.appendChild(document.createTextNode("Re-check before you decide: "));
    var link = el("a", "", "the landscape as last checked (" + data.landscape_checked + ")");
    link.href = siteRoot() + data.recheck_page;
    again.appendChild(link);
    again.appendChild(document.createTextNode(", or run "));
    again.appendChild(el("code", "", "python -m ftlib models --on " + today));
    again.appendChild(document.createTextNode(" with the newest ftlib."));
    box.appendChild(again);
    return box;
  }

  function show() {
    var node = document.getElementById("ftlib-dated-events");
    if (!node) return;
    var data;
    try {
      data = JSON.parse(node.textContent);
    } catch (err) {
      return;
    }
    var box = banner(data, isoDay(new Date()));
    if (!box) return;
    var article = document.querySelector("main article") || document.querySelector("main") ||
      document.body;
    article.insertBefore(box, article.firstChild);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
})();
