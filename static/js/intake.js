// Progressive enhancement of the public report form. Everything works without it.
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // A search box above the Jobcenter list that narrows the options as one types.
  function jobcenterSearch() {
    var select = document.getElementById("id_jobcenter");
    if (!select) { return; }
    var box = document.createElement("input");
    box.type = "search";
    box.id = "jobcenter-search";
    box.className = "form-control mb-2";
    box.setAttribute("aria-controls", "id_jobcenter");
    box.setAttribute("aria-label", select.dataset.searchLabel || "Jobcenter suchen");
    box.placeholder = select.dataset.searchPlaceholder || "Ort oder Name tippen …";
    select.parentNode.insertBefore(box, select);
    var options = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      var firstMatch = null;
      options.forEach(function (option) {
        var hit = !option.value || !needle || option.text.toLowerCase().indexOf(needle) !== -1;
        option.hidden = !hit;
        option.disabled = !hit && option.value !== "";
        if (hit && option.value && !firstMatch) { firstMatch = option; }
      });
      if (needle && firstMatch && select.selectedOptions.length && select.selectedOptions[0].hidden) {
        select.value = firstMatch.value;
      }
    });
  }

  function toggle(id, show) {
    var el = document.getElementById(id);
    if (el) { el.classList.toggle("d-none", !show); }
  }

  // Contact fields only when not anonymous; the notice about the code stays visible.
  function anonymousToggle() {
    var box = document.getElementById("id_is_anonymous");
    if (!box) { return; }
    var update = function () { toggle("contact-fields", !box.checked); };
    box.addEventListener("change", update);
    update();
  }

  // The date of the Bescheid only when there was one.
  function decisionToggle() {
    var radios = document.querySelectorAll("input[name='has_decision']");
    if (!radios.length) { return; }
    var update = function () {
      var yes = document.querySelector("input[name='has_decision'][value='yes']");
      toggle("decision-date", yes && yes.checked);
    };
    Array.prototype.forEach.call(radios, function (radio) { radio.addEventListener("change", update); });
    update();
  }

  // Copy the receipt code; the button is hidden where this script does not run.
  function copyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
      var source = document.getElementById(button.dataset.copyTarget);
      if (!source || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = button.dataset.copied || button.textContent;
        });
      });
    });
  }

  // "Print now" where a browser runs scripts; without, the page says how.
  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  onReady(function () {
    copyButtons();
    printButtons();
    jobcenterSearch();
    anonymousToggle();
    decisionToggle();
  });
})();
