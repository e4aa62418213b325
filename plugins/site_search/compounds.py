"""The parts of Latvian compound words, indexed so that a part finds the whole.

Pagefind matches the start of a word only: "sanāksme" does not find
"kopsanāksme". For every word of a Latvian page that begins with one of the
prefixes below, the rest of the word is indexed as well (a hidden
`data-pagefind-meta` field, searched but never shown in excerpts), and so on
for a rest that begins with a prefix itself: "kopsanāksme" gives "sanāksme"
and "nāksme", "pašvaldība" gives "valdība".

The rule: the verbal prefixes of Latvian grammar (aiz-, ap-, at-, ie-, iz-,
no-, pa-, pār-, pie-, sa-, uz-), the prepositions and pronouns that begin
compound nouns and adjectives (bez-, caur-, līdz-, pret-, virs-, zem-,
kop-, paš-, vis-, daudz-, ār-) and nothing else. A rest shorter than
MIN_REST letters is not indexed: "parks" is not "pa" + "rks". Measured on
content/: this finds every compound named in the search table of
tests/test_search.py and adds 4 to 10 words to a page; a longer rest can
still be a false part ("atbalsts" gives "balsts"), which costs a visitor an
extra result at worst, never a missed one.
"""

import re
from functools import lru_cache

__all__ = ["PREFIXES", "MIN_REST", "compound_parts", "parts_field"]

PREFIXES = (
    "aiz", "ap", "at", "ie", "iz", "no", "pa", "pār", "pie", "sa", "uz",
    "bez", "caur", "līdz", "pret", "virs", "zem", "kop", "paš", "vis", "daudz", "ār",
)
MIN_REST = 5
# Longest first, so that "pie" wins over "pa" and "pār" is not read as "pa" + "r...".
_ORDERED = sorted(PREFIXES, key=len, reverse=True)
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]*>")
# Bounds: a page's text is read up to this many characters, and at most this many parts are kept.
MAX_TEXT = 200_000
MAX_PARTS = 500


@lru_cache(maxsize=65536)
def _rests(word):
    """Every rest of `word` after one or more prefixes, outermost first (a tuple; kept: a site's words
    recur from page to page)."""
    found = []
    while True:
        for prefix in _ORDERED:
            if word.startswith(prefix) and len(word) - len(prefix) >= MIN_REST:
                word = word[len(prefix):]
                found.append(word)
                break
        else:
            return tuple(found)


def compound_parts(text):
    """The parts of the compounds in `text` (HTML or plain), lower case, each once, in order of use."""
    plain = _TAG.sub(" ", str(text)[:MAX_TEXT])
    words = {word.lower() for word in _WORD.findall(plain)}
    parts = []
    seen = set(words)
    for word in dict.fromkeys(_WORD.findall(plain.lower())):  # each word once, in order of use
        for rest in _rests(word):
            if rest not in seen:
                seen.add(rest)
                parts.append(rest)
                if len(parts) >= MAX_PARTS:
                    return parts
    return parts


def parts_field(lang, *texts):
    """The value of the page's `data-pagefind-meta` field: "parts:word word ...", or "" for none.

    Only Latvian pages get one: the prefixes are Latvian ("attend" is not "at" + "tend").
    """
    if lang != "lv":
        return ""
    parts = []
    for text in texts:
        for part in compound_parts(text or ""):
            if part not in parts:
                parts.append(part)
    return "parts:" + " ".join(parts) if parts else ""
