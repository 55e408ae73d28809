// Starts GOV.UK Frontend. Loaded as <script type="module"> at the end of <body>
// by templates/base.html; kept out of the page so that a Content Security
// Policy without 'unsafe-inline' works.
//
// GOV.UK Frontend's JavaScript only runs when <body> has the class
// govuk-frontend-supported, which its page template adds with an inline script.
// We add it here instead, before initAll(). (A module script runs after the
// document is parsed, so document.body exists.)
import { initAll } from "../govuk/govuk-frontend.min.js";

if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("js-enabled", "govuk-frontend-supported");
}

initAll();
