/* Counts the question's seconds down on screen. Optional: the server times every answer, and
   the page shows the seconds left without this script. The ticking number is aria-live="off";
   a polite message is announced once at 10 seconds and once at 0. */
(function () {
  "use strict";
  var box = document.querySelector("[data-play-timer]");
  if (!box) return;
  var number = box.querySelector(".play-timer__number");
  var message = document.getElementById("play-timer-message");
  var start = parseFloat(box.getAttribute("data-seconds"));
  if (!number || isNaN(start)) return;
  var deadline = Date.now() + start * 1000;
  var warned = start <= 10;
  var timer;

  function say(text) {
    if (message) message.textContent = text;
  }

  function tick() {
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (number.textContent !== String(left)) number.textContent = String(left);
    if (left <= 10 && !warned) {
      warned = true;
      box.classList.add("is-low");
      say("10 seconds left.");
    }
    if (left === 0) {
      window.clearInterval(timer);
      box.classList.add("is-low", "is-up");
      if (start > 0) say("Time is up. You can still answer to move on, but it will not earn points.");
    }
  }

  timer = window.setInterval(tick, 250);
  tick();
})();
