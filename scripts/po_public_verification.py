"""Write the ru and ar catalogues of the public verification pages and API (issue 21), and add to the en
catalogue the entries it lacks, from locale/public/*.tsv (`zh<TAB>en[<TAB>ru<TAB>ar]`, plural forms
separated by `|`). Then: `manage.py compilemessages --ignore=.venv`.

    python scripts/po_public_verification.py

ru and ar cover the public pages only; everything else falls back to the Chinese source text. The en
catalogue is appended to, never rewritten, so it merges with other branches' makemessages runs.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
}
COLUMNS = ("en", "ru", "ar")


def rows() -> list[tuple[str, dict[str, str]]]:
    found = []
    for path in sorted((LOCALE / "public").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                zh, *texts = line.split("\t")
                found.append((zh, dict(zip(COLUMNS, texts, strict=False))))
    return found


def entry(zh: str, text: str) -> polib.POEntry:
    forms = text.split("|")
    if len(forms) == 1:
        return polib.POEntry(msgid=zh, msgstr=text, flags=["python-format"] if "%(" in zh else [])
    return polib.POEntry(msgid=zh, msgid_plural=zh, msgstr_plural=dict(enumerate(forms)), flags=["python-format"])


def write_catalogue(language: str, data) -> None:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "portal", "Language": language, "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": PLURAL_FORMS[language]}
    for zh, texts in data:
        if texts.get(language):
            po.append(entry(zh, texts[language]))
    folder = LOCALE / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    po.save(str(folder / "django.po"))


def append_english(data) -> int:
    path = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    known = {e.msgid for e in polib.pofile(str(path))}
    new = [entry(zh, texts["en"]) for zh, texts in data if zh not in known and texts.get("en")]
    if new:
        with path.open("a", encoding="utf-8") as f:
            for e in new:
                f.write("\n" + e.__unicode__(wrapwidth=0))
    return len(new)


if __name__ == "__main__":
    data = rows()
    for language in ("ru", "ar"):
        write_catalogue(language, data)
    print(f"ru, ar written; {append_english(data)} entries added to en")
