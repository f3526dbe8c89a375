"""Vietnamese by default; the language switch turns the whole shell to English."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request in English leaves English active in this thread (LocaleMiddleware activates, nothing
    deactivates): later tests in the same worker would read English messages."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_vietnamese_is_the_default(client, officer_a):
    client.force_login(officer_a)
    body = client.get("/").content.decode()
    assert '<html lang="vi">' in body
    assert "Cơ cấu tổ chức" in body


def test_the_switch_turns_the_ui_to_english(client, officer_a):
    client.force_login(officer_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/doan-vien/"})
    assert response.status_code == 302
    body = client.get("/doan-vien/").content.decode()
    assert '<html lang="en">' in body
    assert "Organisation structure" in body
    assert "Cơ cấu tổ chức" not in body


def test_the_english_catalogue_is_complete():
    """`en` is complete: no message of the catalogue is left untranslated or fuzzy (a fuzzy entry is
    not compiled, so the page would show Vietnamese). Modules add their messages to this one file."""
    import shutil
    import subprocess
    from pathlib import Path

    if shutil.which("msgattrib") is None:
        pytest.skip("gettext tools not installed")
    po = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
    for flag in ("--untranslated", "--only-fuzzy"):
        left = subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
        )
        msgids = [
            line for line in left.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
        ]
        assert msgids == [], flag
    assert sorted(p.relative_to(po.parents[3]) for p in po.parents[3].glob("congdoan/*/locale")) == []


def test_the_compiled_catalogue_is_the_catalogue():
    """The committed ``django.mo`` holds every message of ``django.po`` as translated there: a stale
    .mo (a merge that kept one side's compiled file) shows Vietnamese in English however complete
    the .po is."""
    import gettext
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    if shutil.which("msgfmt") is None:
        pytest.skip("gettext tools not installed")
    folder = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(folder / "django.po")], check=True)
        with fresh.open("rb") as expected, (folder / "django.mo").open("rb") as committed:
            wanted = gettext.GNUTranslations(expected)._catalog
            have = gettext.GNUTranslations(committed)._catalog
    missing = {k: v for k, v in wanted.items() if have.get(k) != v}
    assert not missing, f"{len(missing)} messages differ: run msgfmt -o django.mo django.po"


def test_every_message_of_the_code_is_in_the_catalogue(settings, tmp_path, monkeypatch):
    """Every msgid the code marks (``_()``, ``{% translate %}``, ``{% blocktranslate %}``) has an
    English msgstr in ``django.po``: the check above reads only the entries already in the file, so a
    string added to the code without its entry showed Vietnamese on English pages unnoticed.

    Runs ``makemessages -l en`` (as DEVELOPERS.md asks) over a copy of the sources into a copy of the
    catalogue: a msgid missing from the file comes back empty or ``fuzzy`` (a neighbour's msgstr
    guessed by msgmerge). The real catalogue is never written."""
    import shutil
    from pathlib import Path

    from django.core.management import call_command

    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("gettext tools not installed")
    root = Path(settings.BASE_DIR)
    po = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
    skip = {".venv", ".git", "staticfiles", "locale", "node_modules", "__pycache__"}
    sources = tmp_path / "src"
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if skip.intersection(relative.parts) or path.suffix not in {".py", ".html", ".txt"}:
            continue
        (sources / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, sources / relative)
    copy = sources / "locale" / "en" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copyfile(po, copy)
    settings.LOCALE_PATHS = [sources / "locale"]
    monkeypatch.chdir(sources)
    call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)

    missing = []
    for entry in copy.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = entry.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid, msgstrs, current = [], [], None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith("msgid "):
                current = msgid
            elif line.startswith("msgid_plural "):
                current = None
            elif line.startswith("msgstr"):
                current = []
                msgstrs.append(current)
            if current is not None:
                current.append(line[line.index('"') :].strip()[1:-1])
        translated = msgstrs and all("".join(s) for s in msgstrs)
        if fuzzy or not translated:
            missing.append("".join(msgid))
    assert not missing, (
        f"{len(missing)} messages of the code have no English in {po.relative_to(root)} "
        f"(run makemessages -l en and fill them): {missing[:10]}"
    )
