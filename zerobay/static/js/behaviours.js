/* The pages' small behaviours, declared in the markup by data attributes (no inline script, so a
   strict Content-Security-Policy holds):
   - <select data-autosubmit>: choosing an option submits its form;
   - <select data-navigate="../{value}/">: choosing an option opens that address;
   - <input type="checkbox" data-enables="ID">: the element ID is enabled only while it is checked;
   - <element data-show-if="FIELD-ID" data-show-value="V">: shown only while that field's value is V. */
(function () {
  "use strict";

  function start() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    document.querySelectorAll("select[data-navigate]").forEach(function (el) {
      el.addEventListener("change", function () {
        location.href = el.getAttribute("data-navigate").replace("{value}", encodeURIComponent(el.value));
      });
    });
    document.querySelectorAll("input[data-enables]").forEach(function (box) {
      var target = document.getElementById(box.getAttribute("data-enables"));
      if (target) { box.addEventListener("change", function () { target.disabled = !box.checked; }); }
    });
    document.querySelectorAll("[data-show-if]").forEach(function (el) {
      var field = document.getElementById(el.getAttribute("data-show-if"));
      if (!field) { return; }
      var sync = function () { el.style.display = field.value === el.getAttribute("data-show-value") ? "" : "none"; };
      field.addEventListener("change", sync);
      sync();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
