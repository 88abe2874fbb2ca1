"""Markdown descriptions as plain text for calendar clients, which show text verbatim.

Calendar apps display DESCRIPTION as it is, so Markdown syntax is taken out: links become
``text (url)``, emphasis and code marks disappear, headings lose their ``#``, and the
hard-wrapped lines of a paragraph are joined (phones re-wrap them anyway).  List items
and paragraph breaks stay.  Rendering to HTML and stripping tags would cost about a
millisecond per event; these few expressions cost microseconds.
"""

from __future__ import annotations

import re

_NEEDS_WORK = re.compile(r"[\n\[\]*_`#<\\]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_CODE = re.compile(r"(`+)(.+?)\1")
_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<])")
_BLOCK_START = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|\|)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_FENCES = ("```", "~~~")


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown *markdown* string (see the module docstring)."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not _NEEDS_WORK.search(text):
        return text
    blocks = [_block_text(block) for block in _BLANK_LINES.split(text) if block.strip()]
    return "\n\n".join(block for block in blocks if block)


def _block_text(block: str) -> str:
    lines = block.strip("\n").split("\n")
    if lines[0].lstrip().startswith(_FENCES):
        return "\n".join(line for line in lines if not line.lstrip().startswith(_FENCES))
    output: list[str] = []
    joins_previous = False
    for raw in lines:
        heading = _HEADING.fullmatch(raw.strip())
        starts_item = _BLOCK_START.match(raw) is not None
        if heading:
            text = heading.group(1)
        else:  # list items keep their indentation; a trailing \ is a hard line break
            text = (raw.rstrip() if starts_item else raw.strip()).removesuffix("\\").rstrip()
        if joins_previous and not starts_item and not heading:
            output[-1] += " " + text
        else:
            output.append(text)
        joins_previous = not heading and not raw.endswith(("  ", "\\"))
    return "\n".join(_inline_text(line) for line in output)


def _link(match: re.Match[str]) -> str:
    text, url = match.group(1).strip(), match.group(2)
    shown = url.removeprefix("mailto:")
    if not text or text in (url, shown):
        return shown
    return f"{text} ({shown})"


def _inline_text(line: str) -> str:
    line = _CODE.sub(lambda m: m.group(2).strip(), line)
    line = _LINK.sub(_link, line)
    line = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\1", line)
    return _ESCAPED.sub(r"\1", line)
