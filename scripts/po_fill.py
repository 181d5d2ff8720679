"""Fill Azerbaijani translations into the project's catalogue from a Python dict file.

Usage: python scripts/po_fill.py TRANSLATIONS.py
The file defines AZ = {msgid: msgstr} and optionally PLURALS = {msgid: (one, many)}.
Fuzzy guesses by makemessages (and their "#|" notes) are cleared first, so no wrong
translation survives. Django's makemessages cannot turn the guesses off, hence this script.
"""

import runpy
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[1] / "src/digital_ngo/locale/az/LC_MESSAGES/django.po"


def main() -> None:
    data = runpy.run_path(sys.argv[1])
    singular, plurals = data.get("AZ", {}), data.get("PLURALS", {})
    po = polib.pofile(str(CATALOGUE))
    missing = []
    for entry in po:
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
            entry.msgstr, entry.msgstr_plural = "", {k: "" for k in entry.msgstr_plural}
        if entry.msgid_plural and entry.msgid in plurals:
            entry.msgstr_plural = dict(enumerate(plurals[entry.msgid]))
        elif entry.msgid in singular:
            entry.msgstr = singular[entry.msgid]
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        if not translated:
            missing.append(entry.msgid)
    po.save()
    print("\n".join(f"missing: {msgid!r}" for msgid in missing) or "all translated")


if __name__ == "__main__":
    main()
