// Progressive enhancement for the list page's filters. Without JavaScript the server redirects
// a search with empty fields to its clean URL; with it, empty fields are not sent at all, so the
// address to share says only what was chosen (?team=global-affairs, not ?q=&team=...&location=).
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) { return; }

  // The fold itself needs no script: the page arrives folded (phones) and the stylesheet shows the
  // filters on wide screens, so nothing moves after the first paint.

  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.disabled && field.value.trim() === "") {
        field.disabled = true;  // disabled fields are not submitted
        field.setAttribute("data-left-out", "");
      }
    });
  });

  // Back from the results (back-forward cache): the fields must work again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.querySelectorAll("[data-left-out]"), function (field) {
      field.disabled = false;
      field.removeAttribute("data-left-out");
    });
  });
})();
