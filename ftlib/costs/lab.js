/* The break-even calculator on the static page. Closed-form cost math only, the same operations
 * in the same order as ftlib.costs (_rates, monthly_cost, break_even) and ftlib.rules.volume_band;
 * tests/browser/test_static_labs.py checks them equal on 1,000+ random inputs. Catalog prices,
 * model status and every sentence that depends on the catalog come from ftlib at build time. */
(function (ftlab) {
  "use strict";
  var PER_1M = 1000000;
  function check(field, value, accepted) {
    if (typeof value !== "number" || !isFinite(value) || value < 0) throw new Error(field + ": got " + ftlab.repr(value) + "; expected " + accepted);
    return value;
  }
  var costs = {
    /* ftlib.costs._bill_parts: reasoning tokens are billed as output. */
    monthly: function (requests, inTok, outTok, pin, pout, fixed, reasoning) {
      var inUsd = requests * inTok / PER_1M * pin, outUsd = requests * (outTok + (reasoning || 0)) / PER_1M * pout;
      return inUsd + outUsd + fixed;
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
    var bBill = costs.monthly(r, v.input_tokens, v.output_tokens, bRate[0], bRate[1], base.fixed, bUse.reasoning);
    var cBill = costs.monthly(r, v.input_tokens, v.output_tokens, cRate[0], cRate[1], cand.fixed, cUse.reasoning);
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
    var usd = function (x) { return "$" + ftlab.fixed(x, 2, true); };
    var when = be.months === null ? "never" : ftlab.fixed(be.months, 2) + " months (" + ftlab.fixed(be.days, 1) + " days)";
    var rows = [
      ["Baseline monthly bill", usd(bBill), base.text + usageText(bUse)],
      ["Candidate monthly bill", usd(cBill), cand.text + usageText(cUse)],
      ["Candidate recurring extras", usd(v.monthly_extra_usd), "hosting, retraining, per month"],
      ["Monthly savings", (be.savings < 0 ? "-" : "") + "$" + ftlab.fixed(Math.abs(be.savings), 2, true), ""],
      ["Upfront cost", usd(upfront), "training + labelling, eval set, engineering"],
      ["Break-even", when, "30-day months"],
      ["Upfront under " + data.payback_months + " months of savings?", be.worth ? "yes: worth evaluating" : "no", "the article's rule"],
      ["Volume band", band.name, band.advice]
    ];
    var body = rows.map(function (row) {
      return "<tr><th scope=\"row\">" + ftlab.esc(row[0]) + "</th><td>" + ftlab.esc(row[1]) + "</td><td>" + ftlab.esc(row[2]) + "</td></tr>";
    }).join("");
    var table = "<table class=\"ftlab-table\"><caption>" + ftlab.esc(vintage.caption) + "</caption>" + body + "</table>";
    var H = be.months === null ? 12 : Math.min(36, Math.max(3, Math.ceil(be.months * 2)));
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
    var headline = be.months === null
      ? "Break-even: never. Monthly savings " + rows[3][1] + "; volume band " + band.name + "."
      : "Break-even after " + when + ". Monthly savings " + rows[3][1] + "; volume band " + band.name + ".";
    return { headline: headline, summary: table, figure: figure, notes: notes };
  });
})(window.ftlab);
