"""The whole book as one PDF, printed by the system Chromium from the HTML already built.

``python _ext/book_pdf.py _build/html`` joins the article of every page in ``_toc.yml`` order
into ``_build/book-print.html``: the site's own stylesheets, a title page, a contents list and
no scripts. It sits beside the site, not in it, so the site tests do not take it for a page.
Then ``chromium --headless --print-to-pdf`` prints it to ``_build/html/when-to-fine-tune.pdf``.
Nothing is executed again and nothing is downloaded: the notebooks' outputs come from the
strict build, the browser is Debian's.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

PDF_NAME = "when-to-fine-tune.pdf"
PRINT_PAGE = "book-print.html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
STYLESHEET = re.compile(r"<link\b[^>]*\bstylesheet\b[^>]*>")
WIDGET_SCRIPT = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-[^"]*">.*?</script>', re.S
)
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm; }
html, body { background: #fff !important; color: #111 !important; }
body { font-size: 10.5pt; }
.book-title { text-align: center; margin-top: 30vh; }
.book-title h1 { font-size: 28pt; }
.book-page { break-before: page; }
.book-contents li { margin: 0.2rem 0; }
div.cell_output img, figure img { max-width: 100%; break-inside: avoid; }
table, pre, figure { break-inside: avoid; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.headerlink, .copybtn, button, .widget-subarea, .jupyter-widgets { display: none !important; }
a { color: inherit; }
"""


def toc_pages(root: Path) -> list[str]:
    """Every file of ``_toc.yml`` in reading order, without its suffix."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries: list[dict] | None) -> None:
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [str(Path(p).with_suffix("")) for p in pages]


def _from_root(fragment: str, page: str) -> str:
    """Rewrite a page's relative ``src``/``href`` so they work from the site's root folder."""
    depth = page.count("/")
    if depth == 0:
        return fragment
    up = "../" * depth
    folder = page.rsplit("/", 1)[0] + "/"
    fragment = re.sub(r'(src|href)="' + re.escape(up), r'\1="', fragment)
    # links to sibling pages (href="02_when_not.html") gain their folder
    return re.sub(r'href="(?![a-z]+:|#|/|_)([^"]+\.html[^"]*)"', rf'href="{folder}\1"', fragment)


def print_page(site: Path, root: Path) -> Path:
    """Write the one-page print version of the book; return its path."""
    first = (site / "intro.html").read_text(encoding="utf-8")
    styles = "\n".join(STYLESHEET.findall(first.split("</head>", 1)[0]))
    title = html.escape(yaml.safe_load((root / "_config.yml").read_text())["title"])
    sections, contents = [], []
    for page in toc_pages(root):
        text = (site / f"{page}.html").read_text(encoding="utf-8")
        found = ARTICLE.search(text)
        if not found:
            raise SystemExit(f"{page}.html has no article: build the book first (make book)")
        body = WIDGET_SCRIPT.sub("", _from_root(found.group(1), page))
        body = body.replace("<details", "<details open")
        heading = TITLE.search(body)
        name = (
            re.sub(r"<[^>]+>", "", heading.group(1)).replace("#", "").strip() if heading else page
        )
        anchor = page.replace("/", "-")
        contents.append(f'<li><a href="#{anchor}">{html.escape(name)}</a></li>')
        sections.append(f'<section class="book-page" id="{anchor}">{body}</section>')
    built = dt.date.today().isoformat()
    document = f"""<!DOCTYPE html>
<html lang="en" data-theme="light" data-mode="light">
<head><meta charset="utf-8"><title>{title}</title>
<base href="{site.name}/">
{styles}
<style>{PRINT_CSS}</style></head>
<body><main class="bd-content"><div class="bd-article-container">
<div class="book-title"><h1>{title}</h1><p>The whole course, printed from the website on {built}.
Prices and model status carry their own dates: check them before budgeting.</p></div>
<section class="book-page book-contents"><h2>Contents</h2><ol>{"".join(contents)}</ol></section>
{"".join(sections)}
</div></main></body></html>
"""
    out = site.parent / PRINT_PAGE
    out.write_text(document, encoding="utf-8")
    return out


def print_pdf(page: Path, pdf: Path) -> None:
    """Print ``page`` to ``pdf`` with headless Chromium (no network, no profile left behind)."""
    browser = shutil.which(CHROMIUM) or CHROMIUM
    if not Path(browser).exists():
        raise SystemExit(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise SystemExit(f"Chromium wrote no PDF at {pdf}")


def main(argv: list[str]) -> None:
    site = Path(argv[1] if len(argv) > 1 else "_build/html")
    root = Path(__file__).resolve().parents[1]
    pdf = site / PDF_NAME
    print_pdf(print_page(site, root), pdf)
    print(f"Built: {pdf} ({pdf.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(sys.argv)
