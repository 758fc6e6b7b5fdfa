// Live games: learn that the game's version moved (pushed as Server-Sent Events where the page
// offers a stream, else by polling), swap in a fresh stage, send answers and host actions without
// a page load, and count down. Works on the host's projector and phones.
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
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) return meta.content;
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

  // --- a phone's own facts in the shared stage (quizapp/live_phone.py) ---------------------
  // data-me-show="key" shows an element when the fact is true, "key:value" when it equals value;
  // data-me-text="key" takes the fact as its text; data-me-toggle="class:key" sets a class while
  // the fact is true; the answer buttons are pressed as chosen.
  const applyMe = (me) => {
    if (!me) return;
    stage.querySelectorAll("[data-me-show]").forEach((el) => {
      const [key, want] = el.dataset.meShow.split(":");
      el.hidden = want === undefined ? !me[key] : String(me[key]) !== want;
    });
    stage.querySelectorAll("[data-me-text]").forEach((el) => {
      const value = me[el.dataset.meText];
      el.textContent = value === undefined || value === null ? "" : String(value);
    });
    stage.querySelectorAll("[data-me-toggle]").forEach((el) => {
      const [name, key] = el.dataset.meToggle.split(":");
      el.classList.toggle(name, Boolean(me[key]));
    });
    stage.querySelectorAll("[data-me-class]").forEach((el) => {
      const value = me[el.dataset.meClass];
      if (value) el.classList.add(el.dataset.meClassPrefix + value);
    });
    const chosen = me.answer || [];
    stage.querySelectorAll('button[name="answer"][aria-pressed]').forEach((button) => {
      button.setAttribute("aria-pressed", String(chosen.includes(button.value)));
    });
    // The sent answer's fields (typed text, ticks, positions) stay filled in the shared stage.
    const form = stage.querySelector("form[data-live-form]");
    Object.entries(me.fields || {}).forEach(([name, value]) => {
      if (!form) return;
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      form.querySelectorAll(`[name="${CSS.escape(name)}"]`).forEach((field) => {
        if (field.type === "checkbox" || field.type === "radio") field.checked = values.includes(field.value);
        else field.value = values[0];
      });
    });
    const clock = stage.querySelector("[data-countdown]");
    if (clock && me.seconds_left !== null && me.seconds_left !== undefined) {
      clock.dataset.secondsLeft = String(me.seconds_left);
      startCountdown();
    }
  };

  // --- stage -------------------------------------------------------------------------------
  const swapStage = (html, me) => {
    const focusWasInside = stage.contains(document.activeElement);
    // Messages flashed when the page loaded ("You're in") are stale once the game moves on.
    document.querySelectorAll(".flashes").forEach((flashes) => flashes.remove());
    stage.innerHTML = html;
    lastSpoken = null;
    startCountdown();
    applyMe(me);
    const fresh = stage.querySelector(".stage");
    if (fresh) {
      version = Number(fresh.dataset.version || version);
      announce((me && me.announce) || fresh.dataset.announce);
    }
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

  // A new version: fetch its stage. A whole class hears of it at once, so the fetches are spread
  // over a quarter second.
  const moved = async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
    await refreshStage();
  };

  // --- push: one event stream, the browser reconnects it by itself ------------------------
  let source = null;

  const listen = () => {
    const url = new URL(root.dataset.eventsUrl, window.location.href);
    url.searchParams.set("v", String(version)); // the first connection: the page's version
    source = new EventSource(url);
    source.onmessage = (event) => {
      let state;
      try {
        state = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (state.version !== version) {
        version = state.version;
        // A pushed event carries the shared stage and this phone's facts: nothing to fetch.
        if (state.me && state.me.gone) refreshStage().catch(() => {});
        else if (typeof state.stage === "string") swapStage(state.stage, state.me);
        else moved().catch(() => schedule(0));
      }
      if (state.phase === "podium") source.close();
    };
    source.onerror = () => {
      // CONNECTING: the browser tries again (sending Last-Event-ID). CLOSED: it gave up (or the
      // server said 204, no push here): poll instead.
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        schedule(pollMs);
      }
    };
  };

  // --- polling -----------------------------------------------------------------------------
  const schedule = (delay) => {
    clearTimeout(timer);
    if (source) return; // the stream tells us
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
      if (response.status === 403) {
        // Removed from the game: show the stage that says so, and stop asking.
        await refreshStage();
        return;
      }
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        const state = await response.json();
        // The host's lobby lists players as they join; joining does not move the version.
        const joined = isHost && state.phase === "lobby" && players !== null && state.players !== players;
        if (isHost) players = state.players;
        if (state.version !== version || joined) {
          await moved();
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
    // A phone waking up asks once: its stream may have died quietly while it slept.
    if (document.visibilityState === "visible") {
      clearTimeout(timer);
      poll();
    }
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
      // An answer comes back with the phone's facts: mark it in place, keep the stage.
      if (response.ok && body.me) applyMe(body.me);
      else await refreshStage();
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
  if (root.dataset.eventsUrl && "EventSource" in window) listen();
  else schedule(pollMs);
})();
