// The dev server's script (site_build/serve.py), never part of a built site: reload this tab
// when a rebuild has ended, and show the last rebuild's problems over the page.
(() => {
  const script = document.currentScript;
  const loaded = Number(script.dataset.generation);

  function show(status) {
    const box = document.createElement("aside");
    box.id = "dev-problems";
    box.setAttribute("role", "alert");
    box.lang = status.lang;
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:2147483647;"
      + "margin:0;padding:1rem 1.5rem;background:#fff3f3;color:#1a1a1a;border-top:4px solid #b00020;"
      + "font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)";
    const heading = document.createElement("p");
    heading.style.cssText = "margin:0 0 .5rem;font-weight:bold";
    heading.textContent = status.heading;
    const list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem;white-space:pre-wrap;font-family:monospace";
    for (const line of status.lines) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    box.append(heading, list);
    document.body.append(box);
  }

  fetch("/_dev/status").then((response) => response.json()).then((status) => {
    if (status.heading) show(status);
  });
  const events = new EventSource("/_dev/events");
  events.addEventListener("build", (event) => {
    if (Number(event.data) > loaded) {
      events.close();
      location.reload();
    }
  });
})();
