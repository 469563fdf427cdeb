import re
import subprocess
from pathlib import Path

from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries(text):
    """(flags, msgid, msgstrs) of each entry of a .po file, the header left out."""
    for block in text.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        msgid = "".join(re.findall(r'^(?:msgid|")\s*"?(.*?)"$', block.split("msgid_plural")[0].split("msgstr")[0], re.M))
        msgstrs = ["".join(re.findall(r'"(.*)"', part)) for part in re.split(r"^msgstr(?:\[\d\])? ", block, flags=re.M)[1:]]
        if msgid:
            yield flags, msgid, msgstrs


def test_english_translation_is_complete_with_no_fuzzy_entry():
    text = PO_FILE.read_text(encoding="utf-8")

    untranslated = [msgid for flags, msgid, msgstrs in entries(text) if not all(msgstrs)]
    fuzzy = [msgid for flags, msgid, msgstrs in entries(text) if "fuzzy" in flags]

    assert untranslated == []
    assert fuzzy == []


def test_english_translation_compiles(tmp_path):
    # A msgid with a lone "%" is flagged python-format and stops msgfmt, and with it `make test`.
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO_FILE)], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
