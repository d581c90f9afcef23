// Staff and public pages: after a failed submit the error summary takes the focus,
// so that a screen reader reads it and a keyboard user starts from there.
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState !== "loading") {
    focusErrorSummary();
  } else {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  }
  // A form answered by htmx swaps in its own error summary.
  document.addEventListener("htmx:afterSettle", focusErrorSummary);
})();
