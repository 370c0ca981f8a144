// The studio's only script: live progress while a generation runs, and Ctrl+Enter to generate.
// Everything works without it (plain forms; the progress page has a reload link).
(function () {
  'use strict';
  const box = document.getElementById('progress-box');
  if (box) {
    const url = box.getAttribute('data-progress-url');
    const bar = document.getElementById('progress');
    const text = document.getElementById('progress-text');
    const status = document.getElementById('status');
    const poll = function () {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (p) {
          bar.value = p.percent || 0;
          bar.textContent = (p.percent || 0) + '%';
          text.textContent = p.message || p.status;
          status.textContent = p.status;
          if (p.done) { window.location.reload(); } else { setTimeout(poll, 700); }
        })
        .catch(function () { setTimeout(poll, 2000); });
    };
    setTimeout(poll, 300);
  }
  const prompt = document.getElementById('prompt');
  if (prompt) {
    prompt.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        document.getElementById('generate-form').requestSubmit();
      }
    });
  }
})();
