// Search on the search page, with the Pagefind index of the page's language.
// Without JavaScript the page still lists the sections; with it, the form
// appears. Pagefind itself (~100 KB) is loaded on the first search only.

const form = document.querySelector("form[data-search]");

// Latvian endings stripped from each word of a query, longest first, so that
// "kopienas" and "kopienām" find "kopienu": Pagefind has no Latvian stemmer,
// but it folds diacritics and matches the start of words.
const ENDINGS = ["ajiem", "ajam", "iem", "ām", "ēm", "īm", "ās", "ēs", "os", "as", "es", "is", "us", "ai", "ei", "am", "em", "im", "um",
  "a", "e", "i", "u", "s", "š", "ā", "ē", "ī", "ū", "o"];
const MIN_STEM = 4;
// Results shown, and Pagefind results read at most to find them.
const MAX_SHOWN = 20;
const MAX_CHECKED = 100;

export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

export function stem(word) {
  for (const ending of ENDINGS) {
    const folded = fold(ending);
    if (word.endsWith(folded) && word.length - folded.length >= MIN_STEM) {
      return word.slice(0, -folded.length);
    }
  }
  return word;
}

// Words shorter than this are left out of a query: a one-letter word ("a",
// "ar" is kept) would match the start of nearly every page.
const MIN_WORD = 2;

export function queryWords(text) {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= MIN_WORD);
}

export function prepareQuery(text, lang) {
  const words = queryWords(text);
  return (lang === "lv" ? words.map(stem) : words).join(" ");
}

// Pagefind answers a word it has not indexed with pages that match a shorter
// start of it ("apgaismojums" on the English pages finds every page with
// "a"). A page is kept only if each word of the query begins some word of
// its title, text or compound parts (folded, and stemmed as the query was).
export function matchesEvery(data, terms) {
  const text = fold([data.meta.title || "", data.content || "", data.meta.parts || ""].join(" "));
  const words = text.split(/[^\p{L}\p{N}]+/u);
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

// Titles outweigh text: Pagefind weighs a title's words (data-pagefind-weight on
// the h1), but a page that names a word many times can still pass a page whose
// title is that word. Results whose title holds every word of the query (at the
// start of a title word, or inside one: "sanāksm" in "Kopsanāksme") come first:
// the one whose title names it sooner, then the shorter title (the closer
// match); the rest keep Pagefind's order.
export function titleFirst(results, terms) {
  const ranked = results.map((data, order) => {
    const words = fold(data.meta.title || "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const inTitle = terms.every((term) => words.some((word) => word.includes(term)));
    const first = words.findIndex((word) => terms.some((term) => word.includes(term)));
    return { data, order, group: inTitle ? 0 : 1, first: inTitle ? first : 0, length: inTitle ? words.length : 0 };
  });
  ranked.sort((a, b) => a.group - b.group || a.first - b.first || a.length - b.length || a.order - b.order);
  return ranked.map((entry) => entry.data);
}

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const elsewhere = document.getElementById("search-elsewhere");
  const lang = document.documentElement.lang;
  let pagefind = null;
  let latest = 0;

  const load = async () => {
    if (!pagefind) {
      pagefind = await import(form.dataset.bundle + "pagefind.js");
      // The results' addresses are from the site's root, wherever the language's bundle is.
      await pagefind.options({ basePath: form.dataset.bundle, baseUrl: form.dataset.baseUrl });
    }
    return pagefind;
  };

  const show = (results) => {
    list.replaceChildren(...results.map((result) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      const excerpt = document.createElement("p");
      excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: our own text, with <mark>
      item.append(link, excerpt);
      return item;
    }));
  };

  // The same search on the other languages' search pages, offered when nothing is found.
  const offer = (text) => {
    for (const link of elsewhere.querySelectorAll("a[data-search-page]")) {
      const url = new URL(link.dataset.searchPage, window.location.href);
      url.searchParams.set("q", text.trim());
      link.href = url.href;
      link.querySelector("[data-query]").textContent = text.trim();
    }
    elsewhere.hidden = false;
  };

  const run = async (text) => {
    const ticket = ++latest;
    const query = prepareQuery(text, lang);
    elsewhere.hidden = true;
    if (!query) {
      status.textContent = text.trim() ? form.dataset.statusShort : "";
      list.replaceChildren();
      return;
    }
    status.textContent = form.dataset.statusSearching;
    try {
      const engine = await load();
      const search = await engine.search(query);
      const terms = query.split(" ");
      // Pagefind's results, best first, less those that do not hold every word (matchesEvery).
      const results = [];
      for (let start = 0; start < Math.min(search.results.length, MAX_CHECKED); start += 10) {
        const batch = await Promise.all(search.results.slice(start, start + 10).map((r) => r.data()));
        results.push(...batch.filter((data) => matchesEvery(data, terms)));
        if (results.length >= MAX_SHOWN) break;
      }
      if (ticket !== latest) return; // a newer search has started
      const shown = titleFirst(results, terms).slice(0, MAX_SHOWN);
      show(shown);
      if (results.length) {
        status.textContent = form.dataset.statusFound.replace("{count}", String(results.length));
      } else {
        status.textContent = form.dataset.statusEmpty;
        offer(text);
      }
    } catch (error) {
      status.textContent = form.dataset.statusFailed;
    }
  };

  form.classList.add("is-ready");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  const initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
