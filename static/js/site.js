// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // "Copy link": a plain link to the article that copies its address when scripts run.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      var original = link.textContent;
      link.textContent = link.dataset.copiedLabel;
      setTimeout(function () { link.textContent = original; }, 2000);
    });
  });
})();
