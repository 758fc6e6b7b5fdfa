/* Long articles take a few seconds to turn into questions: instead of a page that seems frozen,
   disable the button and say what is happening. Forms marked data-generate-progress hold a
   role="status" region with [data-progress-text] and [data-progress-bar]. Without this script
   the forms simply submit. */
(function () {
  "use strict";

  var MESSAGE = "Reading the article and writing questions… this takes a few seconds for long texts.";

  function reset(form) {
    form.removeAttribute("data-submitting");
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = false;
    });
    var text = form.querySelector("[data-progress-text]");
    var bar = form.querySelector("[data-progress-bar]");
    if (text) { text.hidden = true; text.textContent = ""; }
    if (bar) { bar.hidden = true; }
  }

  function start(event) {
    var form = event.target;
    if (form.hasAttribute("data-submitting")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitting", "");
    var text = form.querySelector("[data-progress-text]");
    var bar = form.querySelector("[data-progress-bar]");
    if (bar) { bar.hidden = false; }
    if (text) {
      text.hidden = false;
      text.textContent = MESSAGE;
    }
    // Disable after the browser has taken the submitter's name and value into the request.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  }

  document.querySelectorAll("form[data-generate-progress]").forEach(function (form) {
    form.addEventListener("submit", start);
  });

  // Coming back with the Back button shows the page from the cache: make it usable again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-generate-progress]").forEach(reset);
    }
  });
})();
