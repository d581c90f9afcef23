// Keeps the self-service inputs in this browser only, and only when asked to.
(function () {
  "use strict";
  var KEY = "fallakte-selbsthilfe";
  var form = document.getElementById("self-service-form");
  var box = document.getElementById("remember-box");
  var remember = document.getElementById("remember");
  if (!form || !box || !remember || !window.localStorage) { return; }
  box.hidden = false;
  var saved = null;
  try { saved = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
  if (saved) {
    remember.checked = true;
    Object.keys(saved).forEach(function (name) {
      var fields = form.querySelectorAll("[name='" + name + "']");
      fields.forEach(function (field) {
        if (field.type === "radio") { field.checked = field.value === saved[name]; }
        else if (field.type === "checkbox") { field.checked = saved[name] === "on"; }
        else if (!field.value) { field.value = saved[name]; }
      });
    });
  }
  remember.addEventListener("change", function () {
    if (!remember.checked) { window.localStorage.removeItem(KEY); }
  });
  form.addEventListener("submit", function () {
    if (!remember.checked) { window.localStorage.removeItem(KEY); return; }
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "action") { data[name] = String(value); }
    });
    window.localStorage.setItem(KEY, JSON.stringify(data));
  });
})();
