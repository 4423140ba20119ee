// Progressive enhancement only: every page works without this file.
// After a form comes back with errors, move focus to the summary so screen
// reader and keyboard users hear what went wrong.
// Content that htmx swapped in may name the element that should get focus
// (the button that had it may be gone).
document.addEventListener("htmx:load", function (e) {
  var el = e.detail.elt.querySelector && e.detail.elt.querySelector("[data-autofocus]");
  if (el) { el.focus(); }
});
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
