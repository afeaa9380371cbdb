// The static page of the lab "Fine-tune a language model": look runs up in the grid.
(function () {
  const root = document.currentScript.closest('.tinylm-lab');
  const grid = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
  const pct = (v) => Math.round(v * 100) + '%';
  const esc = (t) => t.replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  function key() {
    return grid.order.map((n) => n + '=' + root.querySelector('select[name="' + n + '"]').value).join('|');
  }
  function curve(losses) {
    const w = 420, h = 140, top = Math.max(...losses);
    const pts = losses.map((v, i) => (i / Math.max(losses.length - 1, 1) * w).toFixed(1) + ',' +
      (h - v / top * (h - 10)).toFixed(1)).join(' ');
    return '<svg role="img" aria-label="Loss while tuning, from ' + top.toFixed(2) + ' to ' +
      losses[losses.length - 1].toFixed(2) + ' nats per character" width="' + w + '" height="' + h +
      '" style="border:1px solid #ccc"><polyline fill="none" stroke="#0072B2" stroke-width="2" points="' +
      pts + '"/></svg>';
  }
  function show() {
    const run = grid.runs[key()];
    const out = root.querySelector('.tinylm-out');
    if (!run) {
      out.innerHTML = '<p role="alert">This page holds runs that change one control from the ' +
        'defaults. Set the other controls back to their defaults, or run the lab live.</p>';
      return;
    }
    const b = run.before, a = run.after;
    const rows = run.samples.map((s) => '<tr><td>' + esc(s.prompt.replace('\n', ' / ')) + '</td><td><code>' +
      esc(s.before) + '</code></td><td><code>' + esc(s.after) + '</code></td></tr>').join('');
    out.innerHTML = curve(run.losses) +
      '<p>JSON that parses: ' + pct(b.compliance) + ' before, <b>' + pct(a.compliance) + '</b> after; ' +
      'queue right: ' + pct(b.accuracy) + ' before, <b>' + pct(a.accuracy) + '</b> after. ' +
      'Held-out loss on the pretraining text: ' + (run.forgetting >= 0 ? '+' : '') + run.forgetting.toFixed(3) +
      ' nats per character; weekdays and months named right: ' + pct(b.calendar) + ' before, ' +
      pct(a.calendar) + ' after.</p>' +
      '<table><tr><th>prompt</th><th>before</th><th>after</th></tr>' + rows + '</table>';
  }
  root.querySelectorAll('select').forEach((s) => s.addEventListener('change', show));
  show();
})();
