"""Split a Markdown file into its YAML front matter and its body.

Anchors and aliases (`&a`, `*a`) are refused before anything is built from
them: a few hundred bytes of nested aliases ("a billion laughs") expand to
gigabytes wherever the value is used. An organiser never needs them, so one
clear message beats any bound on their expansion. Nesting is bounded too
(MAX_DEPTH): libyaml builds nested values recursively, and 100,000 "[" in a
field crashed the process. Both are found by one pass over the parser's
events, which builds nothing, and only in front matter that has anchors,
aliases or much nesting at all (the check of 0.3-0.5 MB front matter that
nests 100,000 deep ends after 0.01 s).

Dates are left as written ("2022-10-07" stays text): the schema checks and
converts them, so that "2022-13-45" is a message about a date on its line,
not a crash of the YAML parser. Errors carry a message code (messages.py)
and the 1-based line of the file where the organiser should look.
"""

import re

import yaml

from .messages import Text, render

try:  # libyaml is several times faster where the wheel ships it
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """Safe YAML that keeps timestamps as text."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

DELIMITER = "---"

# Lists in lists in mappings...: no field of the schema nests more than 3 deep.
MAX_DEPTH = 20
_DEEP_INDENT = re.compile(r"^ {%d,}" % MAX_DEPTH, re.M)

# A top-level field: "name:" at the start of a line.
_FIELD = re.compile(r"^(?P<name>[^\s#:\-\[\]{}'\"][^:]*?)\s*:(?:\s|$)")


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; `line` is 1-based."""

    def __init__(self, code, line=None):
        self.text = Text(code)  # codes with parameters are not raised here
        self.line = line
        super().__init__(render(self.text, "en"))


def split(text):
    """Return (yaml_text, body, body_line) for a file that starts with `---`.

    body_line is the 1-based line where the body starts, for error messages.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != DELIMITER:
        raise FrontMatterError("no_start", line=1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == DELIMITER:
            return "".join(lines[1 : number - 1]), "".join(lines[number:]), number + 1
    raise FrontMatterError("no_end", line=1)


def body_of(data):
    """The Markdown body of a content file's bytes: what follows its front matter.

    Raises UnicodeDecodeError or FrontMatterError as reading the file does.
    """
    return split(data.decode("utf-8-sig"))[1]


def _yaml_error(error, yaml_text):
    """(message code, file line) for a YAML error, in an organiser's terms."""
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    opened = getattr(error, "context_mark", None)
    found = getattr(error, "problem_mark", None)
    if "mapping values are not allowed" in problem:
        code, mark = "yaml_colon", found
    elif "tab" in problem:
        code, mark = "yaml_tab", found
    elif "quoted scalar" in context:
        code, mark = "yaml_quote", opened
    elif "flow sequence" in context:
        code, mark = "yaml_bracket", opened
    elif "cannot start any token" in problem or "alias" in problem or "flow mapping" in context:
        code, mark = "yaml_special", found
    else:
        code, mark = "yaml_other", opened or found
    mark = mark or found or opened
    if mark is None:
        return code, None
    lines = yaml_text.splitlines()
    if code != "yaml_quote" and mark.line < len(lines) and "\t" in lines[mark.line]:
        code = "yaml_tab"  # libyaml calls a tab "a character that cannot start any token"
    return code, mark.line + 2  # +1 for '---', +1 1-based


def parse(text):
    """Return (metadata dict, body, body_line)."""
    yaml_text, body, body_line = split(text)
    try:
        if _may_nest_or_refer(yaml_text):
            _refuse_aliases_and_depth(yaml_text)
        meta = yaml.load(yaml_text, Loader=_Loader) or {}
    except RecursionError:
        raise FrontMatterError("yaml_deep", 2) from None
    except yaml.YAMLError as error:
        code, line = _yaml_error(error, yaml_text)
        raise FrontMatterError(code, line) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("not_mapping", 2)
    return meta, body, body_line


def _may_nest_or_refer(yaml_text):
    return ("&" in yaml_text or "*" in yaml_text or "? " in yaml_text
            or yaml_text.count("[") + yaml_text.count("{") + yaml_text.count("- ") > MAX_DEPTH
            or _DEEP_INDENT.search(yaml_text) is not None)


def _refuse_aliases_and_depth(yaml_text):
    """Raise FrontMatterError at the first anchor or alias, or nesting deeper than MAX_DEPTH.

    Reads the parser's events: nothing is built from them.
    """
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise FrontMatterError("yaml_alias", event.start_mark.line + 2)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError("yaml_deep", event.start_mark.line + 2)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def field_lines(text):
    """[(field name, 1-based line)] of the front matter's top-level fields, in order."""
    found = []
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == DELIMITER:
            break
        match = _FIELD.match(line)
        if match:
            found.append((match["name"].strip(), number))
    return found
