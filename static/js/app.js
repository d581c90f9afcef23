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

  // A step that cannot be undone asks first: <form data-confirm="question">.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Text blocks: "Einfügen" puts the block's filled text at the cursor of the letter text.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-insert-into]");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.getAttribute("data-insert-into"));
    var source = document.getElementById(button.getAttribute("data-insert-from"));
    if (!field || !source) {
      return;
    }
    var text = source.textContent;
    var start = field.selectionStart, end = field.selectionEnd;
    field.setRangeText(text, start, end, "end");
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
