/* Quiz and session pages: small improvements on pages that work without this script.
   - A deadline typed in a datetime-local field is sent with the browser's UTC offset
     (without JavaScript the server reads it as UTC, as the field's hint says).
   - Times shown in UTC are rewritten in the reader's time zone.
   - The session page refreshes its "joined" and "finished" counts every few seconds. */
(function () {
  "use strict";

  document.querySelectorAll("form[data-deadline-form]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var field = form.querySelector('input[type="datetime-local"]');
      var offset = form.querySelector('input[name="tz_offset"]');
      if (!offset) return;
      var when = field && field.value ? new Date(field.value) : new Date();
      offset.value = String(isNaN(when.getTime()) ? new Date().getTimezoneOffset() : when.getTimezoneOffset());
    });
  });

  var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  document.querySelectorAll("time[data-local-time]").forEach(function (node) {
    var when = new Date(node.getAttribute("datetime"));
    if (!isNaN(when.getTime())) node.textContent = format.format(when);
  });

  var counts = document.querySelector("[data-session-counts]");
  if (counts && window.fetch) {
    var url = counts.getAttribute("data-session-counts");
    var timer = window.setInterval(function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          ["joined", "finished"].forEach(function (name) {
            var node = counts.querySelector('[data-count="' + name + '"]');
            if (node && node.textContent !== String(data[name])) node.textContent = String(data[name]);
          });
          if (data.status !== "open") window.clearInterval(timer);
        })
        .catch(function () { window.clearInterval(timer); });
    }, 5000);
  }
})();
