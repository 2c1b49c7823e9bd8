// runknee: a small progressive enhancement. Every page works without this file.
(function () {
  "use strict";
  // Print buttons on the print view (hidden without JavaScript, where the page explains Ctrl+P).
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
