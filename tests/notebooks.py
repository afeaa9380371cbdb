"""Notebook hygiene shared by the repository tests and ``make strip``.

usage: python tests/notebooks.py strip DIR [DIR ...]   (rewrites notebooks in place)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".git", ".venv", "_build", "node_modules", ".ipynb_checkpoints", "build"}

SETUP_CELL = """# Setup: where ftlib is missing (Colab, a fresh kernel), install it from the course repository.
try:
    import ftlib as ft
except ModuleNotFoundError as missing:
    if missing.name != "ftlib":
        raise
    %pip install -q "ftlib[widgets] @ git+https://github.com/ftcourse/when-to-fine-tune"
    import ftlib as ft
# ftlib's plots return bare Figures; the inline backend turns them into images.
%matplotlib inline"""

ABSOLUTE_PATH = re.compile(
    r"(?<![\w.:/])(/(home|Users|root|tmp|work|mnt|opt|var)/[\w.-]+|[A-Za-z]:\\\\[\w.-]+)"
)
SECRET = re.compile(
    r"(sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|hf_[A-Za-z0-9]{30,}|gh[pousr]_[A-Za-z0-9]{30,}"
    r"|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----)"
)


def toc_files(root: Path = ROOT) -> list[str]:
    """Every file named in ``_toc.yml``, root first, in reading order."""
    import yaml  # installed with jupyter-book

    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def all_notebooks(root: Path = ROOT) -> list[Path]:
    """Every .ipynb below ``root``, outside build, venv and checkpoint folders."""
    found = []
    for path in root.rglob("*.ipynb"):
        if not SKIP_DIRS.intersection(path.relative_to(root).parts):
            found.append(path)
    return sorted(found)


def notebook_dirs(makefile: Path = ROOT / "Makefile") -> list[str]:
    """The folders nbval runs, as the Makefile's ``NOTEBOOK_DIRS`` says."""
    for line in makefile.read_text().splitlines():
        if line.startswith("NOTEBOOK_DIRS"):
            return line.split("=", 1)[1].split()
    raise LookupError("Makefile has no NOTEBOOK_DIRS line")


def outside_dirs(paths: list[Path], dirs: list[str], root: Path = ROOT) -> list[Path]:
    """Notebooks that nbval would not run."""
    return [p for p in paths if p.relative_to(root).parts[0] not in dirs]


def dirty_reasons(nb: dict) -> list[str]:
    """Why a notebook is not clean for committing (empty when it is)."""
    reasons = []
    if "widgets" in nb.get("metadata", {}):
        reasons.append("notebook metadata holds widget state")
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            reasons.append(f"cell {i} has outputs")
        if cell.get("execution_count") is not None:
            reasons.append(f"cell {i} has an execution count")
        if "execution" in cell.get("metadata", {}):
            reasons.append(f"cell {i} has execution timing metadata")
    return reasons


def leaks(text: str) -> list[str]:
    """Absolute paths and key-shaped secrets found in ``text``."""
    return [m.group(0) for m in ABSOLUTE_PATH.finditer(text)] + [
        m.group(0)[:12] + "..." for m in SECRET.finditer(text)
    ]


def strip(nb: dict) -> dict:
    """A copy of ``nb`` without outputs, execution counts or widget state."""
    nb = json.loads(json.dumps(nb))
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.get("metadata", {}).pop("execution", None)
    return nb


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "strip":
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for folder in argv[1:]:
        for path in all_notebooks(ROOT / folder):
            nb = json.loads(path.read_text(encoding="utf-8"))
            if dirty_reasons(nb):
                path.write_text(
                    json.dumps(strip(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
                )
                print(f"stripped {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
