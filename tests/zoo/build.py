"""The bad-input zoo: build a folder of inputs claimcheck must read correctly, or skip with a reason.

Small text fixtures are committed in `tests/zoo/files/`; encoded, binary, special (symlinks, a
FIFO) and large inputs are generated here, into a temporary folder, so the repository stays plain
text. `build_zoo(dest)` returns the folder; READ and SKIPPED say what a run over it must give.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"

LATIN1_TEXT = ("Selon la préfecture, plus de 3 000 manifestants ont défilé à Besançon. "
               "À 18 h, la foule était dispersée et aucun blessé n'était à déplorer.\n")
CP1252_TEXT = ("Le ministère a annoncé « 12 000 € » d’aide – une somme jugée insuffisante par l’œuvre "
               "caritative, qui réclame “au moins 40 000 €” d’ici à la fin de l’été.\n")
UTF16_TEXT = ("More than 1,500 firefighters were deployed on Tuesday, the agency said. "
              "Selon l’agence, près de 1 500 pompiers étaient mobilisés.\n")
LOOP_A = "Plus de 200 personnes ont été évacuées lundi, selon la mairie.\n"
LOOP_B = "At least 12 buildings were damaged, officials said on Monday.\n"
U2028_TEXT = "Around 600 people\u2028were evacuated, the mayor said.\u2029A shelter opened."

# id -> a sentence the article's text must contain (the whole text for generated files)
READ: dict[str, str] = {
    "zoo/latin1.txt": LATIN1_TEXT,
    "zoo/cp1252.txt": CP1252_TEXT,
    "zoo/utf16le.txt": UTF16_TEXT,
    "zoo/utf16be.txt": UTF16_TEXT,
    "bom-article": "Au moins 70 personnes ont été blessées, selon les secours.\n",
    "zoo/loop/a.txt": LOOP_A,
    "zoo/loop/sub/b.txt": LOOP_B,
    "zoo/scripts.html": "environ 4 500 personnes ont défilé mardi à Lyon",
    "good-1": "More than 2,000 people were evacuated on Monday, officials said.",
    "good-2": "Selon la mairie, près de 800 habitants ont été relogés.",
    "good-3": "Le bilan s'établit à 15 morts, a indiqué la protection civile.",
    "good-4": "At least 40 homes were destroyed, the fire service said.",
    "list-good": "Quelque 1 200 pompiers étaient mobilisés jeudi, selon la préfecture.",
    "fm-article": "Environ 1 200 foyers étaient toujours privés d'électricité samedi matin, selon Enedis.\n",
    "zoo/dashes.txt": "-----\nThis text starts with a rule of dashes, not front matter: 300 people attended.\n",
    "u2028": U2028_TEXT,
}

# (path, line) -> a word the reason must contain
SKIPPED: dict[tuple[str, int | None], str] = {
    ("zoo/binary.txt", None): "binary",
    ("zoo/controls.txt", None): "binary",
    ("zoo/image.png", None): "unsupported",
    ("zoo/empty.txt", None): "empty",
    ("zoo/blank.md", None): "empty",
    ("zoo/blank.json", None): "empty",
    ("zoo/records.jsonl", 2): "malformed JSON",
    ("zoo/records.jsonl", 4): "not an object",
    ("zoo/no_text.jsonl", 1): "no `text`",
    ("zoo/no_text.jsonl", 2): "not a string",
    ("zoo/no_text.jsonl", 3): "not a string",
    ("zoo/no_text.jsonl", 4): "not a string",
    ("zoo/no_text.jsonl", 5): "empty `text`",
    ("zoo/no_text.jsonl", 6): "no `text`",
    ("zoo/no_text.jsonl", 7): "not a string",
    ("zoo/list.json#1", None): "no `text`",
    ("zoo/list.json#2", None): "not an object",
    ("zoo/list.json#3", None): "not a string",
    ("zoo/broken_front_matter.md", 1): "front matter",
    ("zoo/unclosed_front_matter.md", 1): "front matter",
    ("zoo/tagged_front_matter.md", 1): "front matter",
    ("zoo/dangling.txt", None): "not found",
    ("zoo/pipe.txt", None): "not a regular file",
    ("zoo/deep.json", None): "nested too deeply",
    ("zoo/surrogate.jsonl", 1): "surrogate",
}


def _binary_bytes() -> bytes:
    """A PNG header and bytes 0..255 over and over: what an image saved as .txt looks like."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64


def build_zoo(dest: Path) -> Path:
    """Write the zoo under `dest/zoo` and return that folder."""
    zoo = dest / "zoo"
    shutil.copytree(FILES, zoo)
    (zoo / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (zoo / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (zoo / "utf16le.txt").write_bytes(UTF16_TEXT.encode("utf-16"))  # native order with a BOM
    (zoo / "utf16be.txt").write_bytes(b"\xfe\xff" + UTF16_TEXT.encode("utf-16-be"))
    (zoo / "bom.md").write_bytes(
        b"\xef\xbb\xbf---\nid: bom-article\npublished: 2024-06-01\n---\n"
        + READ["bom-article"].encode("utf-8"))
    (zoo / "binary.txt").write_bytes(_binary_bytes())
    (zoo / "controls.txt").write_bytes(bytes(range(1, 9)) * 500)
    (zoo / "image.png").write_bytes(_binary_bytes())
    loop = zoo / "loop"
    (loop / "sub").mkdir(parents=True)
    (loop / "a.txt").write_text(LOOP_A, encoding="utf-8")
    (loop / "sub" / "b.txt").write_text(LOOP_B, encoding="utf-8")
    os.symlink("..", loop / "sub" / "up")      # a loop back to its parent
    os.symlink(".", loop / "sub" / "self")     # and to itself
    os.symlink("nowhere.txt", zoo / "dangling.txt")
    os.mkfifo(zoo / "pipe.txt")                # reading it would block for ever
    (zoo / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (zoo / "surrogate.jsonl").write_text('{"id": "lone", "text": "Plus de 10 \\ud800 soldats."}\n',
                                         encoding="utf-8")
    (zoo / "u2028.jsonl").write_text(json.dumps({"id": "u2028", "text": U2028_TEXT}, ensure_ascii=False)
                                     + "\n", encoding="utf-8")
    return zoo
