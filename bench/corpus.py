"""Generate a synthetic bilingual corpus for benchmarks, outside content/.

N stories per language (~600 words each, Latvian with all its diacritics),
plus the communities they name, three goals per community (stories name
them, every fifth one records a new status) and one meeting (a news item
inviting to a gathering) per ten stories. Deterministic: the same N gives the same files.
Never published; `bench/corpus/` is ignored by git.
"""

import argparse
import random
import shutil
from pathlib import Path

LATVIAN = (
    "kopiena ļaudis sanāksme vietrade koprade pašvaldība iedzīvotāji apgaismojums pietura "
    "veikals sporta laukums bērni jaunieši seniori pakalpojumi dzīvesvieta tuvums ciems "
    "novads tikšanās saruna dalībnieki organizatori vajadzības resursi riski atbalsts "
    "mentors zīmols projekts finansējums pieteikums plānošana platforma drošība policija "
    "ekskursija nometne nodarbinātība līdzdalība iniciatīva telpa ārtelpa labiekārtojums "
    "mērķis ceļš karte rīcība stiprināšana pieredze ģimene ķirbis ūdens žogs čaklums"
).split()
ENGLISH = (
    "community people gathering placemaking co-creation municipality residents lighting "
    "bus stop shop sports ground children youth seniors services home village meeting "
    "conversation participants organisers needs resources risks support mentor brand project "
    "funding application planning platform safety police excursion camp employment "
    "participation initiative space outdoor improvement goal road map action experience"
).split()
COMMUNITIES = ["baldone", "kekava", "daugmale", "katlakalns", "dzerumi", "krustkalni", "mezinieki"]
GOAL_KINDS = ["lighting", "sports", "children"]
GOALS = [f"{community}-{kind}" for community in COMMUNITIES for kind in GOAL_KINDS]
STATUSES = ["planned", "in-progress", "done"]


def sentence(rng, words):
    chosen = rng.choices(words, k=rng.randint(8, 16))
    return " ".join(chosen).capitalize() + "."


def body(rng, words, target=600):
    parts, count, section = [], 0, 1
    while count < target:
        if count and count // 150 >= section:
            parts.append(f"## {sentence(rng, words)[:-1]}")
            section += 1
        paragraph = " ".join(sentence(rng, words) for _ in range(rng.randint(3, 6)))
        parts.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(parts) + "\n"


def story(rng, number, lang):
    words = LATVIAN if lang == "lv" else ENGLISH
    title = f"{sentence(rng, words)[:-1][:60]} {number}"
    lines = ["---", f"title: {title}", f"summary: {sentence(rng, words)}"]
    if lang == "lv":
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        communities = rng.sample(COMMUNITIES, 2)
        goal = f"{communities[0]}-{rng.choice(GOAL_KINDS)}"
        lines += [
            f"date: {2020 + number % 6}-{month:02d}-{day:02d}",
            f"communities: [{', '.join(communities)}]",
            f"goals: [{goal}]",
        ]
        if number % 5 == 0:
            lines.append(f"goal_status: {{{goal}: {STATUSES[number // 5 % 3]}}}")
    lines += [f"themes: [{words[number % len(words)]}]", "---", ""]
    return "\n".join(lines) + "\n" + body(rng, words)


def meeting(rng, number, lang):
    """An invitation to a gathering: a news item with its event's time and place."""
    words = LATVIAN if lang == "lv" else ENGLISH
    lines = ["---", f"title: {sentence(rng, words)[:-1][:50]} {number}", f"summary: {sentence(rng, words)}"]
    if lang == "lv":
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        year = 2020 + number % 6
        lines += [
            f"date: {year}-{month:02d}-{max(1, day - 7):02d}",
            "type: invitation",
            f"event_start: {year}-{month:02d}-{day:02d} 18:00",
            f"event_end: {year}-{month:02d}-{day:02d} 20:00",
            "place: Tautas nams",
            f"communities: [{rng.choice(COMMUNITIES)}]",
        ]
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + body(rng, words, target=200)


def generate(root, stories):
    root = Path(root)
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("stories", "news", "communities", "goals"):
        (root / folder).mkdir(parents=True)
    rng = random.Random(stories)
    for number in range(stories):
        for lang in ("lv", "en"):
            path = root / "stories" / f"stasts-{number:05d}.{lang}.md"
            path.write_text(story(rng, number, lang), encoding="utf-8")
    for number in range(0, stories, 10):
        for lang in ("lv", "en"):
            path = root / "news" / f"sanaksme-{number:05d}.{lang}.md"
            path.write_text(meeting(rng, number, lang), encoding="utf-8")
    for key in COMMUNITIES:
        for lang in ("lv", "en"):
            text = f"---\ntitle: {key.capitalize()}\nsummary: {key}.\n"
            text += "stage: met\n---\n\nTeksts.\n" if lang == "lv" else "---\n\nText.\n"
            (root / "communities" / f"{key}.{lang}.md").write_text(text, encoding="utf-8")
    for goal in GOALS:
        community, _dash, kind = goal.rpartition("-")
        for lang in ("lv", "en"):
            text = f"---\ntitle: {goal}\nsummary: {goal}.\n"
            text += f"kinds: [{kind}]\ncommunity: {community}\n---\n\nTeksts.\n" if lang == "lv" else "---\n\nText.\n"
            (root / "goals" / f"{goal}.{lang}.md").write_text(text, encoding="utf-8")
    return root


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--into", default=str(Path(__file__).parent / "corpus" / "content"))
    args = parser.parse_args()
    root = generate(args.into, args.stories)
    print(f"{args.stories} stories per language in {root}")


if __name__ == "__main__":
    main()
