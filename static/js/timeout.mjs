// The warning before a signed-in session times out (GOV.UK's timeout warning
// pattern), for templates/includes/session.html; the server's side is
// pace/core/sessions.py. A module file, never inline script: the site's Content
// Security Policy allows scripts from this site only.
//
// The page says how many seconds the session has left. The dialog opens (modal,
// focus inside it) that many seconds minus the warning period from now, counting
// down; "Stay signed in" (or Escape) asks the server for a new deadline. If time
// runs out, the page goes to the sign-in page, which comes back here after: what
// was typed in a form is kept by keep-forms.mjs.
const dialog = document.getElementById("pace-timeout");

if (dialog && typeof dialog.showModal === "function") {
  const warnMs = Number(dialog.dataset.warnSeconds) * 1000;
  const countdown = dialog.querySelector(".pace-timeout__countdown");
  const live = dialog.querySelector(".pace-timeout__live");
  const heading = dialog.querySelector("#pace-timeout-heading");
  const loginPath = document.getElementById("pace-page").dataset.loginPath;
  let deadline = Date.now() + Number(dialog.dataset.secondsLeft) * 1000;
  let timers = [];
  let ticker = null;
  let lastAnnounced = null;

  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? "" : "s"}`;
    }
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  };

  const tick = () => {
    const left = deadline - Date.now();
    const text = words(left);
    countdown.textContent = text;
    // Screen readers hear the time left each minute, then every 15 seconds, not
    // every second.
    const seconds = Math.ceil(left / 1000);
    const step = seconds > 60 ? 60 : 15;
    const mark = Math.ceil(seconds / step);
    if (mark !== lastAnnounced) {
      lastAnnounced = mark;
      live.textContent = `We will sign you out in ${text}.`;
    }
  };

  const expire = () => {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`${loginPath}?next=${encodeURIComponent(next)}`);
  };

  const open = () => {
    if (dialog.open) return;
    lastAnnounced = null;
    tick();
    dialog.showModal();
    heading.focus();
    ticker = window.setInterval(tick, 1000);
  };

  const close = () => {
    window.clearInterval(ticker);
    if (dialog.open) dialog.close();
  };

  const schedule = () => {
    timers.forEach((t) => window.clearTimeout(t));
    const now = Date.now();
    timers = [
      window.setTimeout(open, Math.max(0, deadline - warnMs - now)),
      // A second after the deadline, so that the server has signed the session out.
      window.setTimeout(expire, Math.max(0, deadline - now) + 1000),
    ];
  };

  const extend = async () => {
    try {
      const response = await fetch(dialog.dataset.extendUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": dialog.dataset.csrf, Accept: "application/json" },
      });
      const answer = await response.json();
      if (!answer.signed_in) {
        expire();
        return;
      }
      deadline = Date.now() + answer.seconds_left * 1000;
      close();
      schedule();
    } catch {
      close();
      schedule();
    }
  };

  dialog.querySelector("[data-timeout-extend]").addEventListener("click", extend);
  // Escape closes a modal dialog: here it means "stay signed in", as in GOV.UK's.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    extend();
  });
  schedule();
}
