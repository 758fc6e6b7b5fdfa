// Live games: poll the game's version, swap in a fresh stage when it moves, send answers and
// host actions without a page load, and count down. Works on the host's projector and phones.
(() => {
  "use strict";

  const root = document.getElementById("live");
  if (!root) return;

  const stage = document.getElementById("stage");
  const status = document.getElementById("live-status");
  const errorBox = document.getElementById("live-error");
  const pollMs = Number(root.dataset.pollMs || 800);
  const isHost = root.dataset.role === "host";
  let version = Number(root.dataset.version);
  let etag = null;
  let timer = null;
  let failures = 0;
  const shownPlayers = stage.querySelector("[data-players]");
  let players = shownPlayers ? Number(shownPlayers.textContent) : null;

  const csrfToken = () => {
    const field = document.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  };

  const announce = (text) => {
    if (status && text) status.textContent = text;
  };

  const showError = (text) => {
    if (!errorBox) return;
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  };

  // --- countdown -------------------------------------------------------------------------
  let countdownEnds = null;
  let lastSpoken = null;

  const startCountdown = () => {
    const clock = stage.querySelector("[data-countdown]");
    countdownEnds = null;
    if (!clock || clock.hasAttribute("data-paused")) return;
    countdownEnds = performance.now() + Number(clock.dataset.secondsLeft) * 1000;
  };

  const tick = () => {
    const clock = stage.querySelector("[data-countdown]");
    if (!clock || countdownEnds === null) return;
    const left = Math.max(0, Math.ceil((countdownEnds - performance.now()) / 1000));
    if (clock.textContent !== String(left)) clock.textContent = String(left);
    if ((left === 10 || left === 0) && lastSpoken !== left) {
      lastSpoken = left;
      announce(left === 0 ? "Time is up" : "10 seconds left");
    }
  };
  setInterval(tick, 250);

  // --- stage -------------------------------------------------------------------------------
  const swapStage = (html) => {
    const focusWasInside = stage.contains(document.activeElement);
    // Messages flashed when the page loaded ("You're in") are stale once the game moves on.
    document.querySelectorAll(".flashes").forEach((flashes) => flashes.remove());
    stage.innerHTML = html;
    const fresh = stage.querySelector(".stage");
    if (fresh) {
      version = Number(fresh.dataset.version || version);
      announce(fresh.dataset.announce);
    }
    lastSpoken = null;
    startCountdown();
    bindForms();
    if (focusWasInside) {
      stage.setAttribute("tabindex", "-1");
      stage.focus({ preventScroll: true });
    }
  };

  const refreshStage = async () => {
    const response = await fetch(root.dataset.stageUrl, {
      headers: { Accept: "text/html" },
      cache: "no-store",
      credentials: "same-origin",
    });
    swapStage(await response.text());
  };

  // --- polling -----------------------------------------------------------------------------
  const schedule = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  };

  const poll = async () => {
    try {
      const headers = { Accept: "application/json" };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(root.dataset.stateUrl, {
        headers,
        cache: "no-store",
        credentials: "same-origin",
      });
      failures = 0;
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        const state = await response.json();
        // The host's lobby lists players as they join; joining does not move the version.
        const joined = isHost && state.phase === "lobby" && players !== null && state.players !== players;
        if (isHost) players = state.players;
        if (state.version !== version || joined) {
          // A whole class sees the change at once: spread the fetches over a quarter second.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
          await refreshStage();
        } else if (isHost) {
          updateCounts(state);
        }
      }
    } catch (error) {
      failures += 1;
    }
    // Spread the room's polls a little so a class does not ask all at once.
    const jitter = Math.random() * 200 - 100;
    schedule(Math.min(pollMs * 2 ** Math.min(failures, 3), 8000) + jitter);
  };

  const updateCounts = (state) => {
    stage.querySelectorAll("[data-answered]").forEach((el) => {
      el.textContent = String(state.answered);
    });
    stage.querySelectorAll("[data-players]").forEach((el) => {
      el.textContent = String(state.players);
    });
    stage.querySelectorAll("[data-able]").forEach((el) => {
      el.textContent = String(state.able);
    });
  };

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") schedule(0);
  });

  // --- forms: answers and host actions --------------------------------------------------------
  const submitForm = async (form, submitter) => {
    const data = new FormData(form, submitter || undefined);
    showError("");
    markChosen(form, submitter);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) showError(body.error || "That did not work. Try again.");
      await refreshStage();
      etag = null;
    } catch (error) {
      showError("No connection. Check your network and try again.");
    }
  };

  // A tapped answer is marked at once, before the server replies (the stage then confirms it).
  const markChosen = (form, submitter) => {
    const grid = form.querySelector(".answer-grid--phone");
    if (!grid || !submitter || !submitter.classList.contains("answer")) return;
    grid.classList.add("has-answer");
    grid.querySelectorAll(".answer").forEach((button) => {
      button.setAttribute("aria-pressed", String(button === submitter));
    });
  };

  function bindForms() {
    stage.querySelectorAll("form[data-live-form]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        submitForm(form, event.submitter);
      });
    });
    stage.querySelectorAll("select[data-autosubmit]").forEach((select) => {
      select.addEventListener("change", () => select.form.requestSubmit());
    });
  }

  // --- the host's keyboard: Space or Enter moves the game on --------------------------------
  if (isHost) {
    document.addEventListener("keydown", (event) => {
      if (event.key !== " " && event.key !== "Enter") return;
      const target = event.target;
      if (target.closest("button, a, input, select, textarea, summary")) return;
      const next = stage.querySelector("form[data-next] button[type=submit]");
      if (next) {
        event.preventDefault();
        next.click();
      }
    });
  }

  bindForms();
  startCountdown();
  schedule(pollMs);
})();
