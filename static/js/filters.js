// Progressive enhancement for the list page's filters. Without JavaScript the server redirects
// a search with empty fields to its clean URL; with it, empty fields are not sent at all, so the
// address to share says only what was chosen (?team=global-affairs, not ?q=&team=...&location=).
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) { return; }

  // Phones: fold the filters away so the first role shows without scrolling; wide screens keep
  // them open. A form with an unrecognised filter stays open: its warning is inside.
  var fold = form.closest("details");
  var wide = window.matchMedia("(min-width: 768px)");
  function fit() {
    if (fold && !form.querySelector(".alert")) { fold.open = wide.matches; }
  }
  fit();
  if (wide.addEventListener) { wide.addEventListener("change", fit); }

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
