// The print view's button: shown only where scripts run, prints the page.
// A static file because the site's CSP forbids inline scripts and handlers.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
