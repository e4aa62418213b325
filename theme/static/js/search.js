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

export function prepareQuery(text, lang) {
  const words = fold(text).split(/\s+/).filter(Boolean);
  return (lang === "lv" ? words.map(stem) : words).join(" ");
}

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const lang = document.documentElement.lang;
  let pagefind = null;
  let latest = 0;

  const load = async () => {
    if (!pagefind) {
      pagefind = await import(form.dataset.bundle + "pagefind.js");
      await pagefind.options({ basePath: form.dataset.bundle });
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

  const run = async (text) => {
    const ticket = ++latest;
    const query = prepareQuery(text, lang);
    if (!query) {
      status.textContent = "";
      list.replaceChildren();
      return;
    }
    status.textContent = form.dataset.statusSearching;
    try {
      const engine = await load();
      const search = await engine.search(query);
      const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      if (ticket !== latest) return; // a newer search has started
      show(results);
      status.textContent = results.length
        ? form.dataset.statusFound.replace("{count}", String(search.results.length))
        : form.dataset.statusEmpty;
    } catch (error) {
      status.textContent = form.dataset.statusFailed;
    }
  };

  form.hidden = false;
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
