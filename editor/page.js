// Two fixes to the editor's page (Sveltia CMS), loaded before the editor itself.
//
// Zoom: the editor adds a second <meta name="viewport"> with "maximum-scale=1",
// which stops people from zooming in on a phone (WCAG 1.4.4); its limits are
// taken out again as soon as it is added.
//
// Landmarks: the editor draws its screens in a <div role="none"> with no
// landmark around them (axe's "region"); that element is the page's one main
// content, so it is marked as such.
const LIMITS = /,?\s*(maximum-scale|minimum-scale|user-scalable)\s*=\s*[^,]*/gi;

const repair = () => {
  for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
    const content = meta.getAttribute("content") || "";
    const freed = content.replace(LIMITS, "").replace(/^\s*,\s*/, "");
    if (freed !== content) meta.setAttribute("content", freed);
  }
  const shell = document.querySelector("body > .app-shell");
  if (shell && shell.getAttribute("role") !== "main" && !shell.querySelector("main, [role=main]")) {
    shell.setAttribute("role", "main");
  }
};

new MutationObserver(repair).observe(document.documentElement, {
  childList: true, subtree: true, attributes: true, attributeFilter: ["content", "role"],
});
repair();
