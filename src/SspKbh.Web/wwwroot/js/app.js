// Interactive pages: the buttons of the reconnect dialog (Components/Interactive/ReconnectModal.razor).
// No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  'use strict';
  var retry = document.getElementById('components-reconnect-button');
  var reload = document.getElementById('components-reload-button');
  if (retry) {
    retry.addEventListener('click', async function () {
      try {
        var ok = await window.Blazor.reconnect();
        if (!ok) {
          location.reload();
        }
      } catch (e) {
        location.reload();
      }
    });
  }
  if (reload) {
    reload.addEventListener('click', function () { location.reload(); });
  }
})();

// Keeps the sign-in cookie's sliding expiry alive while the user works in the page (the circuit makes no
// HTTP requests): at most every four minutes, and only after real input since the last call. An idle tab
// stays idle, so the idle timeout still ends its session.
(function () {
  'use strict';
  var lastInput = 0;
  var lastCall = Date.now();
  ['keydown', 'pointerdown', 'wheel'].forEach(function (type) {
    document.addEventListener(type, function () { lastInput = Date.now(); }, { passive: true, capture: true });
  });
  setInterval(function () {
    if (lastInput > lastCall && Date.now() - lastCall >= 4 * 60 * 1000) {
      lastCall = Date.now();
      fetch('/konto/aktiv', { credentials: 'same-origin', cache: 'no-store' }).catch(function () { });
    }
  }, 30 * 1000);
})();
