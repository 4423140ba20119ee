// Progressive enhancement only: every page works without this file.
// After a form comes back with errors, move focus to the summary so screen
// reader and keyboard users hear what went wrong.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
