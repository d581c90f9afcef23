// Solves the proof-of-work challenge (ALTCHA, version 1) the server asks for
// while the public pages are flooded: find the number n with
// SHA-256(salt + n) == challenge. Runs only when the page carries a challenge.
(function () {
  "use strict";

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function solve(input) {
    var salt = input.dataset.salt;
    var target = input.dataset.challenge;
    var max = parseInt(input.dataset.maxNumber, 10);
    var encoder = new TextEncoder();
    var batch = 2000;
    function from(start) {
      var tries = [];
      for (var n = start; n < start + batch && n <= max; n++) {
        tries.push(crypto.subtle.digest("SHA-256", encoder.encode(salt + n)));
      }
      return Promise.all(tries).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) {
          if (hex(hashes[i]) === target) { return start + i; }
        }
        return start + batch > max ? null : from(start + batch);
      });
    }
    return from(0).then(function (number) {
      if (number === null) { return null; }
      return btoa(JSON.stringify({
        algorithm: input.dataset.algorithm, challenge: target, number: number,
        salt: salt, signature: input.dataset.signature
      }));
    });
  }

  function start() {
    var inputs = document.querySelectorAll("input[name=altcha][data-challenge]");
    Array.prototype.forEach.call(inputs, function (input) {
      if (!window.crypto || !crypto.subtle) { return; }
      var form = input.form;
      var status = input.parentNode.querySelector(".proof-of-work-status");
      var solved = solve(input).then(function (payload) {
        if (payload) {
          input.value = payload;
          if (status) { status.textContent = input.dataset.doneText; }
        }
        return payload;
      });
      var sending = false;
      form.addEventListener("submit", function (event) {
        if (input.value || sending) { return; }
        event.preventDefault();
        sending = true;
        solved.then(function () { form.submit(); });
      });
    });
  }

  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
