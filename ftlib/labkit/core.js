/* ftlab core: runs the course's labs on the static site with no kernel and no network.
 * Each lab is a <div class="ftlab" data-ftlab=NAME> holding ordinary form controls and a
 * <script type="application/json" class="ftlab-data"> block written by ftlib at build time.
 * A lab file registers render(data, values) -> {headline, summary, figure, notes, error};
 * the core reads the controls, calls it on every change and writes the result into the page.
 * Licence: MIT, part of the course's code. No dependencies. */
(function () {
  "use strict";
  if (window.ftlab) return;
  var ftlab = { labs: {} };
  window.ftlab = ftlab;

  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  ftlab.esc = function (s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); };
  ftlab.num = function (x, digits) {
    var d = digits === undefined ? 0 : digits;
    return Number(x).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  };
  ftlab.usd = function (x, digits) {
    var d = digits === undefined ? 2 : digits;
    var s = ftlab.num(Math.abs(x), d);
    return (x < 0 && s.replace(/[0.,]/g, "") !== "" ? "-" : "") + "$" + s;
  };
  ftlab.pct = function (x) { return Math.round(x * 100) + "%"; };

  /* Read every control into {name: value}; raw text of number boxes stays in values._raw. */
  ftlab.values = function (root) {
    var out = { _raw: {} };
    root.querySelectorAll("[data-name]").forEach(function (el) {
      var name = el.getAttribute("data-name");
      var list = el.hasAttribute("data-values") ? JSON.parse(el.getAttribute("data-values")) : null;
      if (el.type === "checkbox") out[name] = el.checked;
      else if (el.type === "hidden") out[name] = JSON.parse(el.value);
      else if (el.type === "radio") { if (el.checked) out[name] = JSON.parse(el.getAttribute("data-value")); else if (!(name in out)) out[name] = null; }
      else if (el.type === "range") out[name] = list[Number(el.value)];
      else if (el.tagName === "SELECT" && list) out[name] = list[el.selectedIndex];
      else if (el.type === "number") { out._raw[name] = el.value; out[name] = el.value.trim() === "" ? NaN : Number(el.value); }
      else out[name] = el.value;
    });
    return out;
  };

  /* Sliders announce and show the real value, not their index. */
  function labelSliders(root) {
    root.querySelectorAll("input[type=range][data-labels]").forEach(function (el) {
      var text = JSON.parse(el.getAttribute("data-labels"))[Number(el.value)];
      el.setAttribute("aria-valuetext", text);
      var out = root.querySelector("output[for='" + el.id + "']");
      if (out) out.textContent = text;
    });
  }

  function note(kind, text) {
    var label = { error: "Check this input", warning: "Note", info: "Tip" }[kind];
    return '<div class="ftlab-note ftlab-' + kind + '"><strong>' + label + ":</strong> " + ftlab.esc(text) + "</div>";
  }

  function update(root, lab, data) {
    var t0 = performance.now();
    labelSliders(root);
    var r;
    try { r = lab(data, ftlab.values(root), root); } catch (e) { r = { error: "This lab could not compute that: " + e.message }; }
    var msg = root.querySelector(".ftlab-message");
    if (r.error) {
      msg.innerHTML = note("error", r.error);  /* the last good result stays below it */
      root.querySelector(".ftlab-headline").textContent = "Check this input: " + r.error;
    } else {
      msg.innerHTML = (r.notes || []).map(function (n) { return note("warning", n); }).join("");
      root.querySelector(".ftlab-headline").textContent = r.headline || "";
      if (r.figure !== undefined) root.querySelector(".ftlab-figure").innerHTML = r.figure;
      root.querySelector(".ftlab-summary").innerHTML = r.summary || "";
    }
    root.setAttribute("data-render-ms", (performance.now() - t0).toFixed(2));
    root.setAttribute("data-renders", String(Number(root.getAttribute("data-renders") || 0) + 1));
  }

  function mount(root) {
    var lab = ftlab.labs[root.getAttribute("data-ftlab")];
    if (!lab || root.hasAttribute("data-mounted")) return;
    root.setAttribute("data-mounted", "");
    var data = JSON.parse(root.querySelector("script.ftlab-data").textContent);
    var go = function () { update(root, lab, data); };
    root.querySelectorAll("[data-name]").forEach(function (el) {
      el.addEventListener(el.tagName === "SELECT" || el.type === "checkbox" || el.type === "radio" ? "change" : "input", go);
    });
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
    go();
  }

  ftlab.register = function (name, render) {
    ftlab.labs[name] = render;
    document.querySelectorAll('.ftlab[data-ftlab="' + name + '"]').forEach(mount);
  };
  ftlab.mountAll = function () { document.querySelectorAll(".ftlab").forEach(mount); };

  /* A small SVG line chart: series of [x, y] points, optional log x axis, a marker line.
   * Colours come from CSS classes (ftlab-s0..3), with dark-mode variants in the lab CSS. */
  function ticks(lo, hi, n) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / n)));
    [1, 2, 5, 10].some(function (m) { if (span / (step * m) <= n) { step *= m; return true; } return false; });
    var out = [];
    for (var k = Math.ceil(lo / step); k * step <= hi + 1e-9 * span; k++) out.push(k * step === 0 ? 0 : Number((k * step).toPrecision(12)));
    return out;
  }
  ftlab.short = function (v) {
    var a = Math.abs(v);
    if (a >= 1e6) return ftlab.num(v / 1e6, a % 1e6 ? 1 : 0) + "M";
    if (a >= 1e3) return ftlab.num(v / 1e3, a % 1e3 ? 1 : 0) + "K";
    return ftlab.num(v, a < 10 && a % 1 ? 1 : 0);
  };
  ftlab.lineChart = function (o) {
    var W = 640, H = 320, L = 70, R = 16, T = 30, B = 62;
    var pts = [].concat.apply([], o.series.map(function (s) { return s.points; }));
    var xs = pts.map(function (p) { return p[0]; }), ys = pts.map(function (p) { return p[1]; });
    var x0 = o.xmin !== undefined ? o.xmin : Math.min.apply(null, xs), x1 = o.xmax !== undefined ? o.xmax : Math.max.apply(null, xs);
    var y0 = Math.min(0, Math.min.apply(null, ys)), y1 = Math.max.apply(null, ys) * 1.05 || 1;
    if (o.ymax !== undefined) y1 = o.ymax;
    var fx = function (x) { return L + (W - L - R) * (x - x0) / ((x1 - x0) || 1); };
    var fy = function (y) { return H - B - (H - T - B) * (y - y0) / ((y1 - y0) || 1); };
    var s = '<svg class="ftlab-chart" viewBox="0 0 ' + W + " " + H + '" role="img" aria-label="' + ftlab.esc(o.alt) + '">';
    s += '<text class="ftlab-title" x="' + L + '" y="18">' + ftlab.esc(o.title || "") + "</text>";
    ticks(y0, y1, 5).forEach(function (v) {
      s += '<line class="ftlab-grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + fy(v) + '" y2="' + fy(v) + '"/>';
      s += '<text class="ftlab-tick" text-anchor="end" x="' + (L - 6) + '" y="' + (fy(v) + 4) + '">' + (o.yfmt || ftlab.short)(v) + "</text>";
    });
    ticks(x0, x1, 6).forEach(function (v) {
      s += '<text class="ftlab-tick" text-anchor="middle" x="' + fx(v) + '" y="' + (H - B + 16) + '">' + (o.xfmt || ftlab.short)(v) + "</text>";
    });
    s += '<line class="ftlab-axis" x1="' + L + '" x2="' + (W - R) + '" y1="' + (H - B) + '" y2="' + (H - B) + '"/>';
    s += '<text class="ftlab-tick" text-anchor="middle" x="' + ((L + W - R) / 2) + '" y="' + (H - B + 34) + '">' + ftlab.esc(o.xlabel || "") + "</text>";
    (o.marks || []).forEach(function (m) {
      s += '<line class="ftlab-mark" x1="' + fx(m.x) + '" x2="' + fx(m.x) + '" y1="' + T + '" y2="' + (H - B) + '"/>';
      s += '<text class="ftlab-tick" x="' + (fx(m.x) + 4) + '" y="' + (H - B - 6) + '">' + ftlab.esc(m.label) + "</text>";
    });
    o.series.forEach(function (ser, i) {
      var d = ser.points.map(function (p, j) { return (j ? "L" : "M") + fx(p[0]).toFixed(1) + " " + fy(p[1]).toFixed(1); }).join(" ");
      s += '<path class="ftlab-line ftlab-s' + i + (ser.dash ? " ftlab-dash" : "") + '" d="' + d + '"/>';
      s += '<rect class="ftlab-key ftlab-s' + i + '" x="' + (L + 10) + '" y="' + (T + 6 + 18 * i) + '" width="14" height="4"/>';
      s += '<text class="ftlab-tick" x="' + (L + 30) + '" y="' + (T + 12 + 18 * i) + '">' + ftlab.esc(ser.name) + "</text>";
    });
    if (o.foot) s += '<text class="ftlab-foot" x="' + (W - R) + '" y="' + (H - 6) + '" text-anchor="end">' + ftlab.esc(o.foot) + "</text>";
    return s + "</svg>";
  };

  /* Horizontal bars for shares (0..1): rows of {label, value, text, cls}. HTML, not SVG, so the
   * labels stay at text size on a phone and wrap instead of being cut. */
  ftlab.barChart = function (o) {
    var h = '<figure class="ftlab-bars" role="img" aria-label="' + ftlab.esc(o.alt) + '">';
    h += "<figcaption>" + ftlab.esc(o.title || "") + "</figcaption>";
    o.rows.forEach(function (r) {
      var w = (100 * Math.max(0, Math.min(1, r.value))).toFixed(1);
      h += '<div class="ftlab-bar-row"><span class="ftlab-bar-label">' + ftlab.esc(r.label) + "</span>" +
        '<span class="ftlab-bar-track"><span class="ftlab-bar-fill ftlab-s' + (r.cls || 0) + '" style="width:' + w + '%"></span></span>' +
        '<span class="ftlab-bar-value">' + ftlab.esc(r.text) + "</span></div>";
    });
    return h + "</figure>";
  };

  /* A table from rows of cells; the first row is the header. */
  ftlab.table = function (rows, caption) {
    var h = "<table class=\"ftlab-table\">" + (caption ? "<caption>" + ftlab.esc(caption) + "</caption>" : "");
    rows.forEach(function (r, i) {
      h += "<tr>" + r.map(function (c, j) {
        var tag = i === 0 ? "th scope=\"col\"" : j === 0 ? "th scope=\"row\"" : "td";
        return "<" + tag + ">" + ftlab.esc(c) + "</" + tag.split(" ")[0] + ">";
      }).join("") + "</tr>";
    });
    return h + "</table>";
  };
})();

/* Python-compatible number text: f"{x:,.{d}f}" (exact decimal expansion, ties to even) and f"{x:g}". */
(function (ftlab) {
  "use strict";
  if (ftlab.fixed) return;
  function bump(digits) {  /* add one to a string of decimal digits */
    var a = digits.split(""), i = a.length - 1;
    while (i >= 0) { if (a[i] === "9") { a[i] = "0"; i--; } else { a[i] = String(Number(a[i]) + 1); break; } }
    return (i < 0 ? "1" : "") + a.join("");
  }
  ftlab.fixed = function (x, d, group) {
    if (!isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
    var neg = x < 0 || Object.is(x, -0);
    var s = Math.abs(x).toFixed(Math.min(100, d + 70));
    /* From 1e21 up toFixed writes an exponent; such a double is a whole number, exact in BigInt. */
    if (s.indexOf("e") >= 0) s = BigInt(Math.abs(x)).toString() + "." + "0".repeat(d + 1);
    var parts = s.split("."), ip = parts[0], fp = parts[1] || "";
    var keep = ip + fp.slice(0, d), rest = fp.slice(d);
    var up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(keep.slice(-1)) % 2 === 1));
    if (up) keep = bump(keep);
    ip = keep.slice(0, keep.length - d) || "0";
    var frac = d ? "." + keep.slice(keep.length - d) : "";
    if (group) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "-" : "") + ip + frac;
  };
  ftlab.g = function (x) {
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    if (!isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
    var e = x.toExponential(5), m = e.split("e")[0], exp = Number(e.split("e")[1]);
    var strip = function (t) { return t.indexOf(".") >= 0 ? t.replace(/0+$/, "").replace(/\.$/, "") : t; };
    if (exp < -4 || exp >= 6) return strip(m) + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    return strip(x.toFixed(Math.max(0, 5 - exp)));
  };
  /* Python's repr of a float, for error messages that quote the value typed. */
  ftlab.repr = function (x) {
    if (typeof x !== "number") return "'" + String(x) + "'";
    if (isNaN(x)) return "nan";
    if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
    return Number.isInteger(x) && Math.abs(x) < 1e16 ? x.toFixed(1) : String(x).replace(/e\+?(-?)(\d)$/, "e$10$2").replace("e", "e" + (Math.abs(x) >= 1 ? "+" : "")).replace("e+-", "e-");
  };
})(window.ftlab);
