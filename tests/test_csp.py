"""The Content-Security-Policy (django-csp, ``CONTENT_SECURITY_POLICY`` in config/settings/base.py)
is sent, and no template of ours needs what it forbids: inline scripts, inline event handlers,
inline styles. The browser tests (tests/browser/test_csp.py) check the pages themselves."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "congdoan").rglob("templates/**/*.html"))
FORBIDDEN = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "an inline event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "an inline style": re.compile(r"\sstyle\s*=|<style", re.I),
    "a javascript: address": re.compile(r"javascript:", re.I),
}


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_need_no_inline_script_or_style(path):
    text = path.read_text()
    for what, pattern in FORBIDDEN.items():
        match = pattern.search(text)
        assert match is None, f"{path.name} has {what}: {match.group(0)!r} (use a data attribute and app.js)"


def test_every_answer_carries_the_policy(client, db):
    policy = client.get("/tai-khoan/dang-nhap/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
