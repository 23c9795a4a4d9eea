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
