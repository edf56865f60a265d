/* The search page's filters. The form works without this script (a plain GET
 * with an "Apply filters" button); with it, htmx sends the form:
 *
 * - a checkbox, or an option picked with the mouse, searches at once;
 * - an option chosen with the arrow keys in a closed select searches only
 *   on Enter or when the select loses focus, not once per step;
 * - one Enter in the search box sends one request (the form listens to
 *   "submit" only, not to "change").
 *
 * The filters fold behind "Filter (n)" on small screens; on wide screens
 * they start unfolded.
 */
(function () {
  "use strict";

  var WIDE = "(min-width: 48em)";
  var STEP_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"];

  function search(form) {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
    }
  }

  function setUp(form) {
    var pending = null; // a select changed by keyboard, not yet searched

    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target.tagName !== "SELECT") {
        return;
      }
      if (STEP_KEYS.indexOf(event.key) !== -1 || event.key.length === 1) {
        target.dataset.keyed = "1";
      } else if (event.key === "Enter" && pending === target) {
        event.preventDefault();
        pending = null;
        search(form);
      }
    });
    form.addEventListener("pointerdown", function (event) {
      if (event.target.tagName === "SELECT") {
        delete event.target.dataset.keyed;
      }
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.tagName === "SELECT") {
        if (target.dataset.keyed) {
          pending = target;
          return;
        }
        search(form);
      } else if (target.type === "checkbox") {
        search(form);
      }
    });
    form.addEventListener("focusout", function (event) {
      if (pending && event.target === pending) {
        delete pending.dataset.keyed;
        pending = null;
        search(form);
      }
    });
    form.addEventListener("submit", function () {
      pending = null;
    });

    var filters = form.querySelector("[data-filters]");
    if (filters && window.matchMedia && window.matchMedia(WIDE).matches) {
      filters.open = true;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-filter-form]");
    if (form) {
      setUp(form);
    }
  });
})();
