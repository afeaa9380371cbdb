"""Notebook hygiene shared by the repository tests and ``make strip``.

usage: python tests/notebooks.py strip|portable|setup DIR [DIR ...]   (rewrites notebooks in place)

``strip`` removes outputs and widget state. ``portable`` rewrites MyST directives and roles in
Markdown cells into plain CommonMark (see ``portable``). ``setup`` writes the shared setup cell
(see ``setup_cell``) as the first cell and the metadata Jupyter writes on opening. All three
are idempotent.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".git", ".venv", "_build", "node_modules", ".ipynb_checkpoints", "build"}
# The workshop hub's state (learners' homes hold clones of the course) and environments.
SKIP_DIRS |= {".hub", ".hub-load", ".hub-venv", ".hub-proxy"}

# The setup cell: the first cell of every notebook (tag remove-cell, so the site hides it), written
# by `python tests/notebooks.py setup chapters labs` from `_config.yml` (repository.url and
# ftlib_install.site_url) and the version in pyproject.toml. Where ftlib is missing (Colab, a
# fresh kernel) it installs the wheel the site publishes (`make book` builds it into _static/),
# pinned by version. A failed install shows one short message, no traceback.
SETUP_TEMPLATE = """\
# Setup (hidden on the site). Where ftlib is missing (Colab, a fresh kernel),
# install ftlib {version} from the wheel the course site publishes, or from
# the copy FTLIB_WHEEL names (an instructor's mirror, a file for a room
# with no internet).
try:
    import ftlib as ft
except ModuleNotFoundError as missing:
    if missing.name != "ftlib":
        raise
    import os
    import subprocess
    import sys
    from importlib.metadata import PackageNotFoundError, version

    def widgets_version():
        try:
            return version("ipywidgets")
        except PackageNotFoundError:
            return None

    SITE = "{site}"
    REPO = "{repository}"
    WHEEL = (os.environ.get("FTLIB_WHEEL")
             or SITE + "_static/{wheel}")
    if os.path.isfile(WHEEL):  # a local copy: pip takes it as a file URL
        WHEEL = "file://" + os.path.abspath(WHEEL)
    before = widgets_version()
    print(f"Installing ftlib {version} from {{WHEEL}} (about 20 s)...")
    cmd = [sys.executable, "-m", "pip", "install", "-q", "--no-color"]
    pip = subprocess.run(cmd + [f"ftlib[widgets] @ {{WHEEL}}"],
                         capture_output=True, text=True)
    if pip.returncode:

        class SetupFailed(Exception):
            def _render_traceback_(self):  # IPython prints only this
                return [str(self)]

        why = (pip.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise SetupFailed(
            f"Could not install ftlib: {{why.removeprefix('ERROR: ')}}\\n"
            "Ways out: set FTLIB_WHEEL to a copy of the wheel (a mirror URL\\n"
            "or a local file) and run this cell again; or open this notebook\\n"
            f"on Binder (the rocket button on {{SITE}});\\n"
            f"or clone {{REPO}} and run `make lab`."
        ) from None
    after = widgets_version()
    if before and after != before:
        print(f"ipywidgets went from {{before}} to {{after}}: restart the runtime\\n"
              "(Colab: Runtime > Restart session), then run this cell again.")
    import ftlib as ft
    print("ftlib", ft.__version__, "is ready.")
# ftlib's plots return Figures; show them inline, as sharp vector images.
%matplotlib inline
%config InlineBackend.figure_formats = ["svg"]"""


def setup_cell(root: Path = ROOT) -> str:
    """The setup cell's source, from ``_config.yml`` and the version in ``pyproject.toml``."""
    import tomllib

    import yaml  # installed with jupyter-book

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    return SETUP_TEMPLATE.format(
        version=version,
        site=config["ftlib_install"]["site_url"].rstrip("/") + "/",
        wheel=wheel_name(version),
        repository=config["repository"]["url"],
    )


def wheel_name(version: str) -> str:
    """The file name ``pip wheel`` gives ftlib's pure-Python wheel."""
    return f"ftlib-{version}-py3-none-any.whl"


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


# --- Portable Markdown -------------------------------------------------------------------------
# Notebooks are read in plain JupyterLab and Colab, where no MyST renderer runs. `portable`
# rewrites MyST directives and roles in Markdown cells into CommonMark plus a little HTML that
# the site styles (_static/portable.css). It is idempotent: run it again after a merge.

DIRECTIVE_OPEN = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:.-]+)\}[ \t]*(?P<arg>.*?)\s*$"
)
CODE_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?!.*`)")
OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*?)\s*$")
ROLE_OR_CODE = re.compile(r"(?P<role>\{(?P<name>[\w:.-]+)\}`(?P<content>[^`]+)`)|(?P<code>`+)")
TARGET = re.compile(r"^\s*\((?P<label>[\w.:-]+)\)=\s*$")
EXERCISE_LEAD = re.compile(r"^\*\*Exercise (?P<n>\d+)\.\*\*", re.M)
ADMONITIONS = {
    "note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error",
    "seealso", "admonition",
}  # fmt: skip
ROLE_TITLE = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


class _Converter:
    """Rewrites one notebook's Markdown; ``counter`` numbers exercises across its cells."""

    def __init__(self, path: Path, labels: dict[str, Path], root: Path) -> None:
        self.path, self.labels, self.root = path, labels, root
        self.counter = 0
        self.unconverted: list[str] = []

    # Roles ---------------------------------------------------------------------------------
    def _link_to(self, target: Path, anchor: str = "") -> str:
        rel = os.path.relpath(target, self.path.parent).replace(os.sep, "/")
        return rel + (f"#{anchor}" if anchor else "")

    def _page(self, ref: str) -> Path | None:
        base = (self.root / ref.lstrip("/")) if ref.startswith("/") else self.path.parent / ref
        for ext in ("", ".ipynb", ".md"):
            candidate = base.with_name(base.name + ext)
            if candidate.is_file():
                return candidate.resolve()
        return None

    def role(self, name: str, content: str) -> str | None:
        match = ROLE_TITLE.match(content)
        title, target = (match["title"], match["target"]) if match else ("", content)
        if name in {"code", "literal", "samp", "file", "command", "kbd"}:
            return f"`{content}`"
        if name == "abbr":
            return re.sub(r"\s*\(.*\)\s*$", "", content)
        if name == "doc":
            page = self._page(target)
            return (
                f"[{title or _first_heading(page) or target}]({self._link_to(page)})"
                if page
                else None
            )
        if name in {"download"}:
            page = self._page(target)
            return f"[{title or Path(target).name}]({self._link_to(page)})" if page else None
        if name in {"ref", "numref"}:
            page = self.labels.get(target)
            text = title or target.replace("-", " ")
            if page is None:
                return None
            return f"[{text}]({self._link_to(page)})" if page != self.path.resolve() else text
        if name == "term":
            glossary = next((p for p in self.labels.values() if p.stem == "glossary"), None)
            text = title or target
            if glossary is None:
                return text
            slug = "term-" + re.sub(r"[^\w]+", "-", target.strip()).strip("-")
            return f"[{text}]({self._link_to(glossary, slug)})"
        return None

    def roles(self, line: str) -> str:
        out, pos, in_code = [], 0, None
        for m in ROLE_OR_CODE.finditer(line):
            if in_code is not None:
                if m["code"] == in_code:
                    in_code = None
                continue
            if m["code"]:
                in_code = m["code"]
                continue
            new = self.role(m["name"], m["content"])
            if new is None:
                self.unconverted.append(m["role"])
                continue
            out.append(line[pos : m.start()] + new)
            pos = m.end()
        return "".join(out) + line[pos:]

    # Directives ----------------------------------------------------------------------------
    def block(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            opening = DIRECTIVE_OPEN.match(line)
            code = None if opening else CODE_FENCE.match(line)
            if code:  # copy a code block untouched
                close = re.compile(
                    rf"^ {{0,3}}{re.escape(code['fence'][0])}{{{len(code['fence'])},}}\s*$"
                )
                j = i + 1
                while j < len(lines) and not close.match(lines[j]):
                    j += 1
                out.extend(lines[i : j + 1])
                i = j + 1
                continue
            if not opening:
                if TARGET.match(line):
                    i += 1
                    if i < len(lines) and not lines[i].strip() and (not out or not out[-1].strip()):
                        i += 1
                    continue
                out.append(self.roles(line))
                i += 1
                continue
            fence = opening["fence"]
            close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            body, options = _options(lines[i + 1 : j])
            new = self.directive(opening["name"], opening["arg"], options, self.block(body))
            if new is None:
                self.unconverted.append(line.strip())
                out.extend(lines[i : j + 1])
            else:
                out.extend(new)
            i = j + 1
        return out

    def directive(self, name: str, arg: str, options: dict, body: list[str]) -> list[str] | None:
        body = _trim(body)
        if name in ADMONITIONS:
            title = arg or ("See also" if name == "seealso" else name.capitalize())
            return _quote(_lead(f"**{_sentence(title)}**", body))
        if name == "exercise":
            self.counter += 1
            lead = f"**Exercise {self.counter}.**" + (f" *{_sentence(arg)}*" if arg else "")
            return _lead(lead, body)
        if name == "solution":
            return [
                '<details class="solution"><summary>Solution</summary>',
                "",
                *body,
                "",
                "</details>",
            ]
        if name in {"dropdown", "toggle"}:
            summary = html.escape(arg or "Show")
            return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>"]
        if name in {"code-block", "code", "sourcecode"}:
            return [f"```{arg}", *body, "```"]
        if name in {"figure", "image"}:
            alt = options.get("alt", "")
            return [f"![{alt}]({arg})"] + (["", *body] if body else [])
        return None


def _options(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """A directive's body and its ``:key: value`` (or ``---`` YAML) options."""
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), 0)
        for raw in lines[1:end]:
            key, _, value = raw.partition(":")
            options[key.strip()] = value.strip()
        return lines[end + 1 :], options
    k = 0
    while k < len(lines) and (m := OPTION.match(lines[k])):
        options[m["key"]] = m["value"]
        k += 1
    return lines[k:], options


def _trim(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _sentence(title: str) -> str:
    title = title.strip()
    return title if title[-1:] in ".?!:" else title + "."


def _lead(lead: str, body: list[str]) -> list[str]:
    """``lead`` opening the body's first paragraph (a soft break after it keeps lines short)."""
    starts_paragraph = body and re.match(r"^[A-Za-z0-9*_\[`(\"'\\]", body[0])
    if starts_paragraph and not re.match(r"^\d+[.)] ", body[0]):
        return [lead, *body]
    return [lead, *([""] + body if body else [])]


def _quote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in lines]


def _first_heading(page: Path | None) -> str:
    if page is None:
        return ""
    for text in _markdown_sources(page):
        m = re.search(r"^#\s+(.+?)\s*$", text, re.M)
        if m:
            return m.group(1)
    return ""


def _markdown_sources(page: Path) -> list[str]:
    if page.suffix == ".ipynb":
        nb = json.loads(page.read_text(encoding="utf-8"))
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return [page.read_text(encoding="utf-8")]


def label_index(root: Path = ROOT) -> dict[str, Path]:
    """Every ``(label)=`` target, directive ``:label:``/``:name:`` and figure name -> its page."""
    index: dict[str, Path] = {}
    pages = all_notebooks(root) + [
        p for p in root.rglob("*.md") if not SKIP_DIRS.intersection(p.relative_to(root).parts)
    ]
    for page in pages:
        for text in _markdown_sources(page):
            for m in re.finditer(
                r"^\s*\(([\w.:-]+)\)=\s*$|^\s*:(?:label|name):\s*(\S+)", text, re.M
            ):
                index.setdefault(m.group(1) or m.group(2), page.resolve())
        if page.suffix == ".ipynb":
            for cell in json.loads(page.read_text(encoding="utf-8"))["cells"]:
                name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
                if name:
                    index.setdefault(name, page.resolve())
    return index


def portable(nb: dict, path: Path, labels: dict[str, Path] | None = None, root: Path = ROOT):
    """``nb`` with portable Markdown, and the MyST syntax that could not be converted."""
    nb = json.loads(json.dumps(nb))
    conv = _Converter(path.resolve(), label_index(root) if labels is None else labels, root)
    changed = False
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        # Exercises already converted keep their place in the numbering.
        for m in EXERCISE_LEAD.finditer(text):
            conv.counter = max(conv.counter, int(m["n"]))
        new = protect_dollars("\n".join(conv.block(text.split("\n"))))
        if new != text:
            changed = True
            cell["source"] = new.splitlines(keepends=True)
    if changed:  # number every exercise in reading order
        counter = iter(range(1, 10_000))
        for cell in nb["cells"]:
            if cell.get("cell_type") == "markdown":
                text = "".join(cell["source"])
                renumbered = EXERCISE_LEAD.sub(lambda m: f"**Exercise {next(counter)}.**", text)
                if renumbered != text:
                    cell["source"] = renumbered.splitlines(keepends=True)
    return nb, conv.unconverted


# A dollar sign as JupyterLab, Colab and the book all show it. "\\$" alone is not enough: marked
# turns it into "$" and MathJax then reads "$200 ... $300" in the rendered text as one formula.
# MathJax skips elements of these classes (tex2jax_ignore for MathJax 2, mathjax_ignore for 3),
# and MyST reads the escaped dollar inside as a literal one.
DOLLAR = '<span class="tex2jax_ignore mathjax_ignore">\\$</span>'
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def protect_dollars(markdown: str) -> str:
    """``markdown`` with every dollar sign outside code written as :data:`DOLLAR`.

    Examples
    --------
    >>> protect_dollars("costs \\\\$200, not `$5`") == f"costs {DOLLAR}200, not `$5`"
    True
    >>> protect_dollars(protect_dollars("\\\\$1")) == protect_dollars("\\\\$1")
    True
    """
    out, fence = [], None
    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0]
        elif fence is not None and m and m.group(1)[0] == fence:
            fence = None
        elif fence is None:
            parts = re.split(r"(`+[^`]*?`+)", line)
            for i in range(0, len(parts), 2):  # outside code spans
                chunks = parts[i].split(DOLLAR)
                parts[i] = DOLLAR.join(re.sub(r"\\?\$", lambda _: DOLLAR, c) for c in chunks)
            line = "".join(parts)
        out.append(line)
    return "\n".join(out)


# --- The portability check ---------------------------------------------------------------------

CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
LEFTOVERS = [
    (re.compile(r"(`{3,}|:{3,})\s*\{[\w:.-]+\}"), "a MyST directive"),
    (re.compile(r"^\s*\([\w.:-]+\)=\s*$", re.M), "a MyST target"),
    (re.compile(r"^\s*:(label|class|name|alt|width):", re.M), "a MyST directive option"),
]


def portability_problems(markdown: str) -> list[str]:
    """What a reader without MyST (JupyterLab, Colab) would see wrongly in ``markdown``.

    The Markdown is parsed as CommonMark (markdown-it-py's "commonmark" preset, what JupyterLab's
    renderer follows). Problems: MyST directive, role, target or option syntax left in what the
    reader sees; a solution outside ``<details>``; a ``$`` not written as :data:`DOLLAR`
    (JupyterLab reads a pair of them, even escaped, as math).
    """
    from markdown_it import MarkdownIt

    problems: list[str] = []
    details = 0
    for tok in MarkdownIt("commonmark").parse(markdown):
        if tok.type == "html_block":
            details += tok.content.count("<details") - tok.content.count("</details>")
        if tok.type == "fence" and tok.info.strip().startswith("{"):
            problems.append(f"a MyST directive: {tok.markup}{tok.info.strip()}")
        if tok.type != "inline":
            continue
        children = tok.children or []
        shown = ""
        for k, child in enumerate(children):
            if child.type == "html_inline":
                details += child.content.count("<details") - child.content.count("</details>")
            if child.type in {"text", "softbreak"}:
                shown += child.content if child.type == "text" else "\n"
                following = children[k + 1] if k + 1 < len(children) else None
                role = re.search(r"\{[\w:.-]+\}$", child.content)
                if role and following is not None and following.type == "code_inline":
                    problems.append(f"a MyST role: {role.group(0)}`{following.content}`")
            elif child.type == "code_inline":
                shown += "\x00"
        for pattern, what in LEFTOVERS:
            problems += [f"{what}: {m.group(0).strip()!r}" for m in pattern.finditer(shown)]
        if re.match(r"\s*(Solution|Answer)\b", shown) and details <= 0:
            problems.append(f"a solution in plain view: {shown[:50]!r}")
        if "$" in CODE_SPAN.sub("", tok.content).replace(DOLLAR, ""):
            problems.append(f"a $ JupyterLab may read as math (write {DOLLAR}): {shown[:50]!r}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"strip", "portable", "setup"}:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if argv[0] == "portable":
        return convert_folders(argv[1:])
    if argv[0] == "setup":
        return setup_folders(argv[1:])
    for folder in argv[1:]:
        for path in all_notebooks(ROOT / folder):
            nb = json.loads(path.read_text(encoding="utf-8"))
            if dirty_reasons(nb):
                write_notebook(path, strip(nb))
                print(f"stripped {path.relative_to(ROOT)}")
    return 0


def write_notebook(path: Path, nb: dict) -> None:
    """Write ``nb`` as Jupyter itself does (nbformat's layout), so a save changes nothing."""
    path.write_text(
        json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def with_setup_cell(nb: dict, source: str) -> dict:
    """``nb`` whose first cell is the setup cell (the old one replaced, or a new one inserted)."""
    nb = json.loads(json.dumps(nb))
    cells = nb.setdefault("cells", [])
    first = cells[0] if cells else None
    if not (first and first["cell_type"] == "code" and _is_setup(first)):
        first = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
        if nb.get("nbformat_minor", 0) >= 5:
            first["id"] = "setup"
        cells.insert(0, first)
    first["source"] = source.splitlines(keepends=True)
    tags = first["metadata"].setdefault("tags", [])
    if "remove-cell" not in tags:
        tags.append("remove-cell")
    return nb


def _is_setup(cell: dict) -> bool:
    text = "".join(cell.get("source", []))
    return "remove-cell" in cell.get("metadata", {}).get("tags", []) and "import ftlib" in text


# The notebook metadata JupyterLab writes as soon as a notebook opens with the course's kernel
# (ipykernel on the reference Python, 3.11.7 here and in CI). Committing exactly this means opening
# a notebook does not mark it modified. Another Python version still rewrites "version".
JUPYTER_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": "3.11.7",
    },
}


def with_jupyter_metadata(nb: dict) -> dict:
    """``nb`` with the kernelspec and language_info Jupyter would write (other keys kept)."""
    nb = json.loads(json.dumps(nb))
    nb.setdefault("metadata", {}).update(json.loads(json.dumps(JUPYTER_METADATA)))
    return nb


def setup_folders(folders: list[str]) -> int:
    source = setup_cell()
    for folder in folders:
        for path in all_notebooks(ROOT / folder):
            nb = json.loads(path.read_text(encoding="utf-8"))
            new = with_jupyter_metadata(with_setup_cell(nb, source))
            if new != nb:
                write_notebook(path, new)
                print(f"wrote the setup cell of {path.relative_to(ROOT)}")
    return 0


def convert_folders(folders: list[str]) -> int:
    """Make every notebook under ``folders`` portable; 1 if some MyST syntax was left as it was."""
    labels = label_index()
    left = 0
    for folder in folders:
        for path in all_notebooks(ROOT / folder):
            nb = json.loads(path.read_text(encoding="utf-8"))
            new, unconverted = portable(nb, path, labels)
            if new != nb:
                write_notebook(path, new)
                print(f"made portable {path.relative_to(ROOT)}")
            for item in unconverted:
                left += 1
                print(f"{path.relative_to(ROOT)}: left as it was (convert by hand): {item}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
