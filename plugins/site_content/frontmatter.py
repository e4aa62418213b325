"""Split a Markdown file into its YAML front matter and its body."""

import yaml

try:  # libyaml is several times faster where the wheel ships it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

DELIMITER = "---"


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; `line` is 1-based."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


def split(text):
    """Return (yaml_text, body, body_line) for a file that starts with `---`.

    body_line is the 1-based line where the body starts, for error messages.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != DELIMITER:
        raise FrontMatterError("the file does not start with a '---' line", line=1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == DELIMITER:
            return "".join(lines[1 : number - 1]), "".join(lines[number:]), number + 1
    raise FrontMatterError("the front matter has no closing '---' line", line=1)


def parse(text):
    """Return (metadata dict, body, body_line)."""
    yaml_text, body, body_line = split(text)
    try:
        meta = yaml.load(yaml_text, Loader=_Loader) or {}
    except yaml.YAMLError as error:
        # where the broken construct starts, else where the parser gave up
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for '---', +1 1-based
        raise FrontMatterError(f"the front matter is not valid YAML: {error}", line) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a list of 'field: value' lines", 2)
    return meta, body, body_line
