// Forms that never lose what was typed: a session that times out or a form refused
// for its CSRF token sends the person to sign in again, and the form they come
// back to has their text in it. Loaded on every page by
// templates/includes/session.html; a module file, since the Content Security
// Policy allows no inline script.
//
// What is typed in a POST form of the page's main content is kept in this tab's
// sessionStorage (gone when the tab closes; never sent anywhere), under the page's
// path, with who the page was for. It goes back into the same form only for the
// same person, and only when the page does not already show what was sent (a page
// with errors does). Kept text is dropped once its form has been sent and a page
// other than the sign-in page (or the form's own page, where a refused form is
// answered) follows, and all of it when signing out. Passwords, files and hidden
// fields are never kept.
const PREFIX = "pace-keep:";
const page = document.getElementById("pace-page");

const storage = (() => {
  try {
    const s = window.sessionStorage;
    s.setItem(`${PREFIX}test`, "1");
    s.removeItem(`${PREFIX}test`);
    return s;
  } catch {
    return null;
  }
})();

if (page && storage) {
  const owner = page.dataset.owner || "";
  const path = window.location.pathname;
  const onSignInPage = path === page.dataset.loginPath;
  const keys = () =>
    Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
      (k) => k && k.startsWith(PREFIX),
    );
  const read = (key) => {
    try {
      return JSON.parse(storage.getItem(key));
    } catch {
      return null;
    }
  };

  // Signing out forgets everything kept in this tab.
  document.querySelectorAll("form").forEach((form) => {
    if (new URL(form.action, window.location.href).pathname === page.dataset.logoutPath) {
      form.addEventListener("submit", () => keys().forEach((k) => storage.removeItem(k)));
    }
  });

  // A form sent from another page and followed by this one has done its work.
  keys().forEach((key) => {
    const kept = read(key);
    if (!kept || (kept.sent && kept.path !== path && !onSignInPage)) storage.removeItem(key);
  });

  const keepable = (field) =>
    field.name &&
    !field.disabled &&
    !["hidden", "password", "file", "submit", "button", "reset"].includes(field.type);

  const forms = Array.from(document.querySelectorAll("main form")).filter(
    (form) =>
      form.method.toLowerCase() === "post" &&
      form.dataset.keep !== "off" &&
      !form.querySelector("input[type=password]"),
  );

  forms.forEach((form, index) => {
    const key = `${PREFIX}${path}#${index}`;
    const fields = () => Array.from(form.elements).filter(keepable);
    const save = (sent) => {
      const values = fields().map((f) =>
        f.type === "checkbox" || f.type === "radio" ? [f.name, f.value, f.checked] : [f.name, f.value],
      );
      storage.setItem(key, JSON.stringify({ owner, path, sent, values }));
    };

    const kept = read(key);
    const answered = document.querySelector(".govuk-error-summary");
    if (kept && kept.owner === owner && !answered) {
      let restored = false;
      kept.values.forEach(([name, value, checked]) => {
        fields()
          .filter((f) => f.name === name)
          .forEach((f) => {
            if (f.type === "checkbox" || f.type === "radio") {
              if (f.value === value && f.checked !== checked) {
                f.checked = checked;
                restored = restored || checked;
              }
            } else if (f.value !== value && value !== "") {
              f.value = value;
              restored = true;
            }
          });
      });
      if (restored) {
        const banner = document.createElement("div");
        banner.className = "govuk-notification-banner";
        banner.setAttribute("role", "region");
        banner.setAttribute("aria-labelledby", `pace-kept-title-${index}`);
        banner.innerHTML =
          '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title"></h2></div>' +
          '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading"></p></div>';
        const title = banner.querySelector("h2");
        title.id = `pace-kept-title-${index}`;
        title.textContent = "Important";
        banner.querySelector("p").textContent =
          "We kept what you typed before. Check it, then send the form again.";
        form.prepend(banner);
      }
    } else if (kept && kept.owner !== owner) {
      storage.removeItem(key);
    }
    if (read(key)) save(false);

    form.addEventListener("input", () => save(false));
    form.addEventListener("change", () => save(false));
    form.addEventListener("submit", () => save(true));
  });
}
