"""Refresh the Qt Linguist catalogues in resources/i18n from the sources, keeping every translation.

Two kinds of source text end up in ``dispense_app_<lang>.ts``:
- the UI's own strings (``self.tr(...)`` / ``QCoreApplication.translate(...)`` under dispense_app/ui),
  found by ``pyside6-lupdate``;
- the pharmacist-facing sentences of the core (:mod:`dispense_app.core.messages`: message texts and
  actions, time phrases, month names), which the UI translates at run time in the context
  ``verdict``, and the hub credential lifecycle texts (:mod:`dispense_app.hub.lifecycle`: TEXTS,
  WHAT, RENEW, item and status words) in the context ``HubCredentials``. The core never imports
  Qt, so lupdate cannot see them; this tool adds them.

    .venv/bin/python tools/update_translations.py          # update both .ts files
    .venv/bin/python tools/update_translations.py --check  # exit 1 if a German text is missing or
                                                           # its {placeholders} differ from the source
    .venv/bin/python tools/update_translations.py --set de.json  # fill German texts from a JSON file
                                                           # {"Context": {"source": "Übersetzung"}}

New texts arrive as ``type="unfinished"``: open the .ts in ``pyside6-linguist`` to translate them.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
I18N = REPO / "resources" / "i18n"
LANGUAGES = ("en", "de")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]+(?::[^}]*)?\}")


def core_texts() -> list[str]:
    from dispense_app.core.messages import MESSAGES, MONTHS, TIME_PHRASES

    texts: list[str] = []
    for message in MESSAGES.values():
        texts.append(message.text)
        if message.action:
            texts.append(message.action)
    texts += list(TIME_PHRASES.values())
    texts += list(MONTHS)
    return list(dict.fromkeys(texts))  # unique, in table order


def lifecycle_texts() -> list[str]:
    from dispense_app.hub.lifecycle import ITEM_WORDS, RENEW, STATUS_WORDS, TEXTS, WHAT

    texts = [*TEXTS.values(), *WHAT.values(), *RENEW.values(), *ITEM_WORDS.values(), *STATUS_WORDS.values()]
    return list(dict.fromkeys(texts))


def lupdate(ts_files: list[Path]) -> None:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (REPO / "dispense_app" / "ui").glob("*.py"))
    subprocess.run([str(tool), "-silent", *sources, "-ts", *map(str, ts_files)], check=True)


def merge_core(ts: Path, texts: list[str], context_name: str | None = None) -> int:
    """Add the core's texts to the ``verdict`` context (or ``context_name``); returns how many were new."""
    from dispense_app.core.messages import MESSAGE_CONTEXT

    name = context_name or MESSAGE_CONTEXT
    tree = ET.parse(ts)  # noqa: S314 (our own catalogue from the repository)
    root = tree.getroot()
    context = next((c for c in root.findall("context") if c.findtext("name") == name), None)
    if context is None:
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
    existing = {m.findtext("source"): m for m in context.findall("message")}
    added = 0
    for text in texts:
        if text in existing:
            translation = existing[text].find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                # lupdate cannot see the core's texts and marks them gone; they are alive
                if translation.text:
                    del translation.attrib["type"]
                else:
                    translation.set("type", "unfinished")
            continue
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        ET.SubElement(message, "translation", {"type": "unfinished"})
        added += 1
    live = set(texts)
    for source, message in existing.items():
        translation = message.find("translation")
        if source not in live and translation is not None:
            translation.set("type", "vanished")  # kept for reuse, not compiled
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return added


def check(ts: Path) -> list[str]:
    """Problems in a translated catalogue: missing translations, placeholders that differ."""
    problems = []
    for context in ET.parse(ts).getroot().findall("context"):  # noqa: S314 (our own catalogue)
        name = context.findtext("name")
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            text = translation.text or ""
            if translation.get("type") == "unfinished" or not text:
                problems.append(f"{ts.name}: {name}: untranslated: {source!r}")
            elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"{ts.name}: {name}: placeholders differ: {source!r} -> {text!r}")
    return problems


def fill(ts: Path, translations: dict[str, dict[str, str]]) -> int:
    """Set the translations given per context (source -> text); returns how many were set."""
    tree = ET.parse(ts)  # noqa: S314 (our own catalogue from the repository)
    done = 0
    for context in tree.getroot().findall("context"):
        wanted = translations.get(context.findtext("name") or "", {})
        for message in context.findall("message"):
            text = wanted.get(message.findtext("source") or "")
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            translation.text = text
            translation.attrib.pop("type", None)
            done += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only check the German catalogue")
    parser.add_argument("--set", metavar="JSON", type=Path,
                        help='fill German translations from {"Context": {"source": "translation"}}')
    args = parser.parse_args()
    de = I18N / "dispense_app_de.ts"
    if args.set is not None:
        import json

        print(f"{de.relative_to(REPO)}: {fill(de, json.loads(args.set.read_text(encoding='utf-8')))} texts set")
        return 0
    if args.check:
        problems = check(de)
        for p in problems:
            print(p)
        return 1 if problems else 0
    I18N.mkdir(parents=True, exist_ok=True)
    files = [I18N / f"dispense_app_{lang}.ts" for lang in LANGUAGES]
    lupdate(files)
    texts = core_texts()
    from dispense_app.hub.lifecycle import TEXT_CONTEXT

    for ts in files:
        print(f"{ts.relative_to(REPO)}: {merge_core(ts, texts)} new core texts")
        print(f"{ts.relative_to(REPO)}: {merge_core(ts, lifecycle_texts(), TEXT_CONTEXT)} new lifecycle texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
