// smartpicks live reload: added to HTML responses by `smartpicks serve`, never
// written by `build`. Listens for rebuilds over Server-Sent Events; EventSource
// reconnects by itself when the server restarts.
(() => {
  "use strict";
  const OVERLAY = "smartpicks-error-overlay";
  const events = new EventSource("/__smartpicks/events");
  let instance = null;
  // Marks the page while the stream is open (tools and tests can wait for it).
  events.addEventListener("open", () => { document.documentElement.dataset.smartpicksLive = "connected"; });

  events.addEventListener("hello", (e) => {
    // A new server instance means a new build: catch up.
    if (instance !== null && instance !== e.data) location.reload();
    instance = e.data;
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", (e) => {
    const paths = JSON.parse(e.data);
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (paths.includes(url.pathname)) {
        url.searchParams.set("smartpicks", String(Date.now()));
        link.href = url.href;
      }
    }
  });
  events.addEventListener("build-error", (e) => showError(JSON.parse(e.data)));

  function showError(message) {
    let box = document.getElementById(OVERLAY);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,24,.94);color:#fff;font:14px/1.5 ui-monospace,monospace";
      const title = document.createElement("h2");
      title.textContent = "The site did not build";
      title.style.cssText = "margin:0 0 1rem;color:#ff8a80;font:bold 18px/1.3 system-ui,sans-serif";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      const note = document.createElement("p");
      note.textContent = "Fix the file and save: this page reloads by itself. The last good build is still served.";
      note.style.cssText = "margin-top:1rem;color:#bbb;font-family:system-ui,sans-serif";
      box.append(title, pre, note);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = message;
  }
})();
