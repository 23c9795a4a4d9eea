// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  if (window.DKFDS && typeof window.DKFDS.init === 'function') {
    window.DKFDS.init();
  }

  // Print buttons are hidden until this script can make them work (no inline scripts: CSP).
  document.querySelectorAll('button[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
