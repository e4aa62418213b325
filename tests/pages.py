"""The pages the tests visit: one of every kind in each language."""

# As the content model (DESIGN.md) places them, built from content/.
KINDS = {
    "lv": {
        "home": "index.html",
        "stories list": "stasti/index.html",
        "news list": "jaunumi/index.html",
        "methodology list": "metodologija/index.html",
        "communities list": "kopienas/index.html",
        "story": "stasti/mezinieku-viedais-ciems/index.html",
        "news item": "jaunumi/kopienu-sarunu-cikls-nosledzies/index.html",
        "invitation": "jaunumi/kopsanaksme-mezinieki-2022/index.html",
        "chapter": "metodologija/koprade/index.html",
        "community": "kopienas/mezinieki/index.html",
        "page": "par-projektu/index.html",
        "accessibility statement": "pieejamibas-pazinojums/index.html",
        "privacy statement": "privatums/index.html",
        "search": "meklet/index.html",
        "404": "404.html",
    },
    "en": {
        "home": "en/index.html",
        "stories list": "en/stories/index.html",
        "news list": "en/news/index.html",
        "methodology list": "en/methodology/index.html",
        "communities list": "en/communities/index.html",
        "story": "en/stories/mezinieki-smart-village/index.html",
        "news item": "en/news/first-conversation-cycle-closed/index.html",
        "invitation": "en/news/gathering-mezinieki-2022/index.html",
        "chapter": "en/methodology/co-creation/index.html",
        "community": "en/communities/mezinieki/index.html",
        "page": "en/about-the-project/index.html",
        "accessibility statement": "en/accessibility-statement/index.html",
        "privacy statement": "en/privacy/index.html",
        "search": "en/search/index.html",
        "404": "en/404.html",
    },
}
