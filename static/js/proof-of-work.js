// Solves the proof-of-work challenge (ALTCHA, version 1) the server asks for
// while the public pages are flooded: find the number n with
// SHA-256(salt + n) == challenge. Runs only when the page carries a challenge.
// SHA-256 is computed here in plain JavaScript: crypto.subtle.digest costs a
// promise per try and was four to six times slower for these short inputs
// (and exists only on HTTPS pages).
(function () {
  "use strict";

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  var W = new Int32Array(64);

  // The eight 32-bit words of SHA-256 over an ASCII string.
  function sha256(text) {
    var length = text.length;
    var last = (((length + 8) >> 6) << 4) + 15;
    var words = new Int32Array(last + 1);
    var i, j;
    for (i = 0; i < length; i++) { words[i >> 2] |= text.charCodeAt(i) << (24 - (i % 4) * 8); }
    words[length >> 2] |= 0x80 << (24 - (length % 4) * 8);
    words[last] = length * 8;
    var H = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    for (j = 0; j <= last; j += 16) {
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (i = 0; i < 64; i++) {
        if (i < 16) {
          W[i] = words[j + i];
        } else {
          var w15 = W[i - 15], w2 = W[i - 2];
          var s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
          var s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
          W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
        }
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H;
  }

  function words(hex) {
    var out = [];
    for (var i = 0; i < 64; i += 8) { out.push(parseInt(hex.slice(i, i + 8), 16) | 0); }
    return out;
  }

  function matches(hash, target) {
    for (var i = 0; i < 8; i++) { if (hash[i] !== target[i]) { return false; } }
    return true;
  }

  function solve(input) {
    var salt = input.dataset.salt;
    var target = words(input.dataset.challenge);
    var max = parseInt(input.dataset.maxNumber, 10);
    var batch = 20000;
    return new Promise(function (resolve) {
      function from(start) {
        var end = Math.min(start + batch, max + 1);
        for (var n = start; n < end; n++) {
          if (matches(sha256(salt + n), target)) { resolve(n); return; }
        }
        if (end > max) { resolve(null); return; }
        setTimeout(function () { from(end); }, 0);  // keep the page responsive
      }
      from(0);
    }).then(function (number) {
      if (number === null) { return null; }
      return btoa(JSON.stringify({
        algorithm: input.dataset.algorithm, challenge: input.dataset.challenge, number: number,
        salt: salt, signature: input.dataset.signature
      }));
    });
  }

  function start() {
    var inputs = document.querySelectorAll("input[name=altcha][data-challenge]");
    Array.prototype.forEach.call(inputs, function (input) {
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
        // Send with the button that was clicked (a form may have several,
        // e.g. the PDF and the calendar file of the self-service letters).
        var submitter = event.submitter;
        solved.then(function () {
          if (submitter && form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
          sending = false;
        });
      });
    });
  }

  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
