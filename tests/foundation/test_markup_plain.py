"""The plain-paragraph shortcut (``markup.plain_paragraphs``) gives exactly Python-Markdown's
HTML whenever it answers at all, and leaves anything that may be Markdown to Python-Markdown."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.site import markup

REPO = Path(__file__).resolve().parents[2]


_CONVERTER = markdown.Markdown(extensions=markup._EXTENSIONS, output_format="html")


def python_markdown(text: str) -> str:
    return _CONVERTER.reset().convert(text)


# Pieces that are syntax somewhere, whitespace Python-Markdown or str.strip treat specially, and
# the private-use characters highlighting puts in the text.
PIECES = ["Seoul", "talks", "1", "2019", ".", ",", ")", "(", "'", '"', "!", ":", "%", "$", "/",
          " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "-", "+", "=", "*", "_", ">", "#", "&", "<",
          "|", "`", "~", "\\", "[", "]", "\xa0", "\u2028", "\x85", "\u3000", "\r", "\x02", "\ue000",
          "\ue001", "é", "&amp;", "1.", "3)", "---", "==="]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_whenever_it_answers_it_is_python_markdown(text: str) -> None:
    plain = markup.plain_paragraphs(text)
    if plain is not None:
        assert plain == python_markdown(text)


@pytest.mark.parametrize("text", [
    "Seoul said Tuesday.", "One.\n\nTwo, \"quoted\" (1,200).\nSame paragraph.",
    "\n\nLeading and trailing blank lines.\n\n\n", "", "Marks \ue000here\ue001 are text.",
])
def test_plain_text_takes_the_shortcut(text: str) -> None:
    assert markup.plain_paragraphs(text) == python_markdown(text)


@pytest.mark.parametrize("text", [
    "*em*", "a_b", "[link](x)", "<b>", "a & b", "| a | b |", "```\ncode\n```", "~~~", "# Head",
    "- item", "+ item", "1. item", "2019) item", "Title\n===", "Title\n---", "> quote",
    "    code", "line  \nbreak", "tab\there", "back\\slash", "\xa0lead", "trail\xa0",
])
def test_anything_that_may_be_markdown_is_left_to_it(text: str) -> None:
    assert markup.plain_paragraphs(text) is None


def test_real_stories_agree_and_mostly_take_the_shortcut() -> None:
    from bench.common import read_stories
    from tests.conftest import shared

    texts = ["\n\n".join(story.paragraphs) for story in read_stories(shared("corpora/te3-silver"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    answered = [(t, plain) for t in texts if (plain := markup.plain_paragraphs(t)) is not None]
    assert [plain for _t, plain in answered] == [python_markdown(t) for t, _p in answered]
    assert len(answered) > 0.9 * len(texts)
