// A Copy button beside a read-only link: the clipboard when the browser allows it, otherwise the
// link is selected so that Ctrl+C (or a long press) copies it.
(() => {
  "use strict";

  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    const status = button.closest(".copy-link")?.querySelector("[data-copy-status]");
    if (!field) return;
    button.hidden = false;
    const say = (text) => {
      if (status) status.textContent = text;
    };
    button.addEventListener("click", async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        say("Link copied. Paste it into your class page or an e-mail.");
      } catch (error) {
        say("The link is selected: press Ctrl+C (or ⌘C) to copy it.");
      }
    });
  });
})();
