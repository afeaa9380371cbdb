/* The break-even calculator on the static page. Closed-form cost math only, the same operations
 * in the same order as ftlib.costs.bills (_rates, _bill_parts, GpuPlan.gpus_for, break_even,
 * chart_horizon_months) and ftlib.rules.volume_band; tests/costs/test_lab_js_parity.py runs this
 * file under Node on 1,000+ random inputs against ftlib. Catalog prices, model status, the
 * summary's labels and words, the bands and the chart horizons come from ftlib as data: this
 * script fills in numbers and never retypes a label. */
(function (ftlab) {
  "use strict";
  var PER_1M = 1000000;
  function check(field, value, accepted) {
    if (typeof value !== "number" || !isFinite(value) || value < 0) throw new Error(field + ": got " + ftlab.repr(value) + "; expected " + accepted);
    return value;
  }
  var costs = {
    /* ftlib.costs.bills._bill_parts: reasoning tokens are billed as output; a self-hosted row's
     * GPUs follow the tokens served (GpuPlan.gpus_for). Returns {bill, gpus}. */
    monthly: function (requests, inTok, outTok, pin, pout, fixed, reasoning, gpu) {
      var inTokens = requests * inTok, outTokens = requests * (outTok + (reasoning || 0));
      var inUsd = inTokens / PER_1M * pin, outUsd = outTokens / PER_1M * pout, gpus = null;
      if (gpu) {
        gpus = Math.max(gpu.min, Math.ceil((inTokens + outTokens) / gpu.tokens));
        fixed = fixed + gpus * gpu.usd;
      }
      return { bill: inUsd + outUsd + fixed, gpus: gpus };
    },
    /* ftlib.costs.bills.chart_horizon_months, over the steps ftlib ships. */
    horizon: function (h, months) {
      if (months === null) return h.never;
      for (var i = 0; i < h.steps.length; i++) if (h.factor * months <= h.steps[i]) return h.steps[i];
      return h.factor * months;
    },
    /* ftlib.money(x, decimals=2): a value that rounds to zero has no sign. */
    usd: function (x) {
      var text = ftlab.fixed(Math.abs(x), 2, true);
      return (x < 0 && /[1-9]/.test(text) ? "-" : "") + "$" + text;
    },
    /* ftlib.costs._rates: the Batch prices replace the list prices, then a share of the input is
     * billed at the cached-input price (never above the uncached one). u = {cached, batch}. */
    rates: function (p, u, who) {
      var pin = p.in, pout = p.out;
      if (u.batch) {
        if (p.batch_in == null || p.batch_out == null) throw new Error(who + "batch: got True; expected False for " + p.label + ", which has no Batch price in the catalog");
        pin = p.batch_in; pout = p.batch_out;
      }
      if (u.cached === 0) return [pin, pout];
      if (p.cached == null) throw new Error(who + "cached_share: got " + ftlab.g(u.cached) + "; expected 0 for " + p.label + ", which has no cached-input price in the catalog");
      var cached = Math.min(p.cached, pin);
      return [(1 - u.cached) * pin + u.cached * cached, pout];
    },
    breakEven: function (base, cand, upfront, extra, payback, days) {
      var savings = base - cand - extra;
      if (savings <= 0) return { savings: savings, months: null, days: null, worth: false };
      var months = upfront / savings;
      if (!isFinite(months)) return { savings: savings, months: null, days: null, worth: false };  /* too far for a float */
      return { savings: savings, months: months, days: months * days, worth: upfront < payback * savings };
    },
    band: function (bands, requests) {
      for (var i = 0; i < bands.length; i++) if (bands[i].below === null || requests < bands[i].below) return bands[i];
    }
  };
  ftlab.costs = costs;

  function prices(data, vintage, who, choice, typedIn, typedOut) {
    if (choice === data.typed) {
      var label = "typed " + who + " prices";
      check(who + " input_usd_per_1m_tokens", typedIn, "a finite number >= 0");
      check(who + " output_usd_per_1m_tokens", typedOut, "a finite number >= 0");
      return { in: typedIn, out: typedOut, fixed: 0, label: label, cached: null, batch_in: null, batch_out: null,
        text: label + ": $" + ftlab.g(typedIn) + " in / $" + ftlab.g(typedOut) + " out per 1M tokens" };
    }
    var row = vintage.models[choice];
    if (row.error) throw new Error(row.error.replace("{who}", who));
    return row;
  }

  function usage(v, who) {
    var r = v[who + "_reasoning_tokens"];
    if (typeof r !== "number" || !isFinite(r) || r < 0) throw new Error(who + " reasoning_tokens_per_request: got " + ftlab.repr(r) + "; expected a number >= 0");
    return { cached: v[who + "_cached_share"], batch: v[who + "_batch"], reasoning: r };
  }
  function usageText(u) {  /* ftlib.costs.lab._usage_text */
    var parts = [];
    if (u.batch) parts.push("Batch prices");
    if (u.cached) parts.push(ftlab.fixed(u.cached * 100, 0) + "% of input cached");
    if (u.reasoning) parts.push("+" + ftlab.fixed(u.reasoning, 0, true) + " reasoning tokens a request");
    return parts.length ? "; " + parts.join(", ") : "";
  }

  ftlab.register("break_even", function (data, v) {
    var vintage = data.vintages[v.vintage];
    ["input_tokens", "output_tokens", "training_usd", "other_upfront_usd", "monthly_extra_usd"].forEach(function (k) {
      check(k, v[k], k.indexOf("tokens") > 0 ? "a whole number >= 0" : "a number of dollars >= 0");
    });
    var base = prices(data, vintage, "baseline", v.baseline, v.baseline_input_price, v.baseline_output_price);
    var cand = prices(data, vintage, "candidate", v.candidate, v.candidate_input_price, v.candidate_output_price);
    var bUse = usage(v, "baseline"), cUse = usage(v, "candidate");
    var bRate = costs.rates(base, bUse, "baseline "), cRate = costs.rates(cand, cUse, "candidate ");
    var r = v.requests_per_month;
    var bSide = costs.monthly(r, v.input_tokens, v.output_tokens, bRate[0], bRate[1], base.fixed, bUse.reasoning, base.gpu);
    var cSide = costs.monthly(r, v.input_tokens, v.output_tokens, cRate[0], cRate[1], cand.fixed, cUse.reasoning, cand.gpu);
    var bBill = bSide.bill, cBill = cSide.bill;
    if (!isFinite(bBill) || !isFinite(cBill)) throw new Error("These prices and volume give a monthly bill too large to compute (" + (isFinite(bBill) ? "candidate" : "baseline") + "); type smaller numbers.");
    var upfront = v.training_usd + v.other_upfront_usd;
    var be = costs.breakEven(bBill, cBill, upfront, v.monthly_extra_usd, data.payback_months, data.days_per_month);
    var notes = [];
    if (vintage.stale) notes.push(vintage.stale);
    if (v.baseline === v.candidate && v.baseline !== data.typed) notes.push(data.same_note);
    if (v.baseline !== data.typed && vintage.status[v.baseline]) notes.push(vintage.status[v.baseline].baseline);
    if (v.candidate !== data.typed && vintage.status[v.candidate]) notes.push(vintage.status[v.candidate].candidate);
    if (be.months === null) notes.push(data.never_note);
    var band = costs.band(data.bands, r);
    var words = data.words, usd = costs.usd;
    var when = be.months === null ? words.never
      : words.when.replace("{months}", ftlab.fixed(be.months, 2)).replace("{days}", ftlab.fixed(be.days, 1));
    var cells = {  /* key: [value, computed note]; labels and fixed notes come from data.rows */
      baseline: [usd(bBill), base.text + usageText(bUse)],
      candidate: [usd(cBill), cand.text + usageText(cUse)],
      extra: [usd(v.monthly_extra_usd)],
      savings: [usd(be.savings)],
      upfront: [usd(upfront)],
      break_even: [when],
      worth: [be.worth ? words.worth : words.not_worth],
      band: [band.name, band.advice]
    };
    var rows = data.rows.map(function (row) {
      var cell = cells[row.key];
      return [row.label, cell[0], row.note === null ? cell[1] : row.note];
    });
    var body = rows.map(function (row) {
      return "<tr><th scope=\"row\">" + ftlab.esc(row[0]) + "</th><td>" + ftlab.esc(row[1]) + "</td><td>" + ftlab.esc(row[2]) + "</td></tr>";
    }).join("");
    var table = "<table class=\"ftlab-table\"><caption>" + ftlab.esc(vintage.caption) + "</caption>" + body + "</table>";
    var H = costs.horizon(data.horizon, be.months !== null && be.months <= data.horizon.beyond ? be.months : null);
    var alt = be.months === null
      ? "Cumulative spend over months: " + cand.label + " never drops below " + base.label + ", so there is no break-even point."
      : "Cumulative spend over months: " + base.label + " against " + cand.label + "; the lines cross at the break-even point after " + ftlab.fixed(be.months, 2) + " months (" + ftlab.fixed(be.days, 1) + " days).";
    var figure = ftlab.lineChart({
      title: "Cumulative spend: " + base.label + " vs " + cand.label, alt: alt, xlabel: "months after the switch",
      yfmt: function (y) { return "$" + ftlab.short(y); },
      xmin: 0, xmax: H,
      series: [
        { name: "baseline (" + base.label + ")", points: [[0, 0], [H, bBill * H]] },
        { name: "candidate, upfront cost first", points: [[0, upfront], [H, upfront + (cBill + v.monthly_extra_usd) * H]], dash: true }
      ],
      marks: be.months === null || be.months > H ? [] : [{ x: be.months, label: "break-even" }],
      foot: "Prices as of " + vintage.as_of + " (" + vintage.id + ")"
    });
    var headline = (be.months === null ? words.headline_never : words.headline)
      .replace("{when}", when).replace("{savings}", cells.savings[0]).replace("{band}", band.name);
    return { headline: headline, summary: table, figure: figure, notes: notes, rows: rows, horizon: H, gpus: [bSide.gpus, cSide.gpus] };
  });
})(window.ftlab);
