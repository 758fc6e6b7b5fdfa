// The projector in presentation mode: full screen, optional sound made in the browser, and the
// moments that make a class cheer (leaderboard moves, the podium's confetti). live.js swaps the
// stage; this module watches for a new stage and plays its moment. Nothing is fetched.
(() => {
  "use strict";

  const stage = document.getElementById("stage");
  if (!stage) return;
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)");

  // --- full screen (Fullscreen API) ------------------------------------------------------------
  const fullButton = document.querySelector("[data-fullscreen]");
  if (fullButton && document.fullscreenEnabled) {
    fullButton.hidden = false;
    const label = () => {
      const on = Boolean(document.fullscreenElement);
      fullButton.textContent = on ? "Exit full screen" : "Full screen";
      fullButton.setAttribute("aria-pressed", String(on));
    };
    fullButton.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    });
    document.addEventListener("fullscreenchange", label);
    label();
  }

  // --- sound: off by default, one toggle, remembered on this computer ----------------------
  const soundButton = document.querySelector("[data-sound]");
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  let audio = null;
  let soundOn = false;
  try {
    soundOn = window.localStorage.getItem("quizapp-sound") === "on";
  } catch (error) {
    soundOn = false;
  }
  const showSound = () => {
    soundButton.textContent = soundOn ? "Sound: on" : "Sound: off";
    soundButton.setAttribute("aria-pressed", String(soundOn));
  };
  if (soundButton && AudioContextClass) {
    soundButton.hidden = false;
    showSound();
    soundButton.addEventListener("click", () => {
      soundOn = !soundOn;
      try {
        window.localStorage.setItem("quizapp-sound", soundOn ? "on" : "off");
      } catch (error) {
        // private windows may refuse storage: the toggle still works for this page
      }
      showSound();
      if (soundOn) play([[660, 0, 0.12]]);
    });
  }

  // notes: [frequency in Hz, start in s, length in s]
  function play(notes, type = "triangle") {
    if (!soundOn || !AudioContextClass) return;
    audio = audio || new AudioContextClass();
    if (audio.state === "suspended") audio.resume();
    const now = audio.currentTime;
    notes.forEach(([frequency, start, length]) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = type;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + start);
      gain.gain.exponentialRampToValueAtTime(0.25, now + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + start + length);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now + start);
      oscillator.stop(now + start + length + 0.05);
    });
  }

  const SOUNDS = {
    question: [[523, 0, 0.15], [659, 0.12, 0.15], [784, 0.24, 0.25]],
    reveal: [[784, 0, 0.18], [1047, 0.15, 0.35]],
    leaderboard: [[392, 0, 0.12], [523, 0.1, 0.12], [659, 0.2, 0.3]],
    podium: [[523, 0, 0.2], [659, 0.2, 0.2], [784, 0.4, 0.2], [1047, 0.6, 0.6], [784, 0.95, 0.15], [1047, 1.1, 0.8]],
  };

  // The last five seconds tick.
  let lastTick = null;
  setInterval(() => {
    const clock = stage.querySelector("[data-countdown]");
    if (!clock || clock.hasAttribute("data-paused")) return;
    const left = Number(clock.textContent);
    if (left > 0 && left <= 5 && left !== lastTick) {
      lastTick = left;
      play([[880, 0, 0.06]], "square");
    }
  }, 200);

  // --- moments -----------------------------------------------------------------------------
  const animateLeaderboard = () => {
    const rows = Array.from(stage.querySelectorAll(".leaderboard__row"));
    if (!rows.length || calm.matches) return;
    const step = rows.length > 1 ? rows[1].offsetTop - rows[0].offsetTop : rows[0].offsetHeight;
    rows.forEach((row, index) => {
      const moved = Number(row.dataset.movement || 0);
      // A row that gained places slides up from where it was; the others settle in turn.
      const from = moved ? `translateY(${moved * step}px)` : "translateY(1.5rem)";
      row.animate(
        [
          { transform: from, opacity: moved ? 1 : 0 },
          { transform: "none", opacity: 1 },
        ],
        { duration: 900, delay: 150 + index * 90, easing: "cubic-bezier(0.2, 0.9, 0.3, 1)", fill: "backwards" },
      );
    });
  };

  const COLOURS = ["#c8102e", "#1d4ed8", "#f5c400", "#15803d", "#ffffff", "#f0b488"];
  const confetti = () => {
    const box = stage.querySelector("[data-confetti]");
    if (!box || calm.matches) return;
    for (let i = 0; i < 140; i += 1) {
      const piece = document.createElement("span");
      piece.className = "confetti__piece";
      piece.style.left = `${Math.random() * 100}%`;
      piece.style.background = COLOURS[i % COLOURS.length];
      piece.style.animationDuration = `${2.5 + Math.random() * 2.5}s`;
      piece.style.animationDelay = `${2 + Math.random() * 1.5}s`;
      piece.style.transform = `rotate(${Math.random() * 360}deg)`;
      box.appendChild(piece);
    }
  };

  let shownPhase = null;
  const moment = () => {
    const fresh = stage.querySelector(".stage");
    if (!fresh) return;
    const phase = fresh.dataset.phase;
    const key = `${phase}:${fresh.dataset.version}`;
    if (key === shownPhase) return;
    const changed = !shownPhase || shownPhase.split(":")[0] !== phase;
    shownPhase = key;
    if (phase === "leaderboard") animateLeaderboard();
    if (phase === "podium") confetti();
    if (changed && SOUNDS[phase]) play(SOUNDS[phase]);
  };

  new MutationObserver(moment).observe(stage, { childList: true });
  moment();
})();
