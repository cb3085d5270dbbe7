"""Stage 5, render: ``notebooks/report.py`` into ``report/index.html`` and ``report/report.pdf``.

The notebook (jupytext py:percent, with a ``parameters`` cell) is executed headless by
papermill with an explicit kernel; any cell error fails the build. Its parameters are checked
against the notebook's ``parameters`` cell first: an unknown name is an error (papermill only
warns). HTML comes from nbconvert with code hidden; the PDF from WeasyPrint, which runs no
JavaScript, so figures are embedded as static PNG images. What the notebook shows is built by
:mod:`pipeline.report`.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from pipeline import paths, report_map, storage
from pipeline.paths import Outputs

KERNEL = "python3"
TITLE = "Online services that help children and young people stay safe"
# WeasyPrint page layout (PDF only).
# WCAG 2.2 AA on the HTML page (checked by axe-core in tests/test_report_browser.py): links in
# running text are underlined, not told apart by colour alone (1.4.1), and every disclosure
# summary ('Evidence', 'Content note') is a target of at least 24 x 24 CSS pixels (2.5.8).
HTML_CSS = """<style>
a:link, a:visited { text-decoration: underline !important; }
summary { min-height: 24px; padding: 3px 0; cursor: pointer; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 10px 0 2px; }
/* JupyterLab right-aligns every cell: names and flags read badly; left, as in the PDF. */
.jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon td { text-align: left !important; }
</style>
"""
PDF_CSS = """
@page { size: A4; margin: 16mm 14mm; }
/* nbconvert's lab layout is flexbox, which WeasyPrint cannot split across pages: every
   cell that did not fit moved whole to the next page. Print it as plain blocks. */
main, .jp-Notebook, .jp-Cell, .jp-Cell-inputWrapper, .jp-Cell-outputWrapper, .jp-OutputArea,
.jp-OutputArea-child, .jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-RenderedMarkdown,
.jp-MarkdownOutput, .jp-RenderedHTML {
  display: block !important; overflow: visible !important; width: auto !important; }
/* Without this an output holding a long table (the map's country table) moved whole to the
   next page, leaving its heading alone on a blank one (13 pages -> 11 on ../shared/data). */
.jp-OutputArea-child { break-inside: auto !important; }
.jp-OutputPrompt, .jp-InputPrompt, .jp-Collapser, .jp-OutputArea-prompt { display: none !important; }
h1, h2, h3, h4 { break-after: avoid; }
figure, img, tr, blockquote { break-inside: avoid; }
table, .jp-RenderedHTMLCommon table { table-layout: auto; width: 100% !important;
  max-width: 100% !important; margin: 0 !important; font-size: 7.5pt; border-collapse: collapse; }
th, td { text-align: left !important; vertical-align: top; padding: 1px 4px !important;
  overflow-wrap: break-word; word-break: normal; hyphens: manual; }
/* Cross-tabulations have a dozen columns: smaller, and words never cut ('Messag-ing'). */
table.typology-crosstab, .jp-RenderedHTMLCommon table.typology-crosstab { font-size: 6.5pt;
  width: auto !important; }
table.typology-crosstab th, table.typology-crosstab td { overflow-wrap: normal; padding: 1px 3px !important; }
table.typology-crosstab td:first-child { min-width: 22mm; }
/* Survey options are sentences: give them the room the short numbers do not need. */
table.survey-choices td:first-child, table.survey-choices th:first-child { width: 35% !important; }
table.survey-choices td:not(:first-child) { white-space: nowrap !important; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9pt; padding: 8px 0 2px; }
/* A section's heading and its introduction (one Markdown cell) stay with what follows
   (the next cell's output) rather than alone at a page foot. */
.jp-MarkdownCell { break-after: avoid; }
"""


def _notebook_parameters(nb_path: Path) -> set[str]:
    import papermill

    return set(papermill.inspect_notebook(str(nb_path)))


def _ipc_kernel_manager(folder: Path) -> type:
    """A kernel manager whose kernel talks over IPC sockets in ``folder`` (private, removed
    after the run) rather than TCP ports: nothing listens on the network, and ipykernel no
    longer warns on every run that TCP traffic is unencrypted."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(folder / "kernel")

    return IPCKernelManager


def render(out: Outputs) -> None:
    import jupytext
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    params = {"out_root": str(out.root)}
    with tempfile.TemporaryDirectory() as tmp:
        source_nb = Path(tmp) / "report.ipynb"
        nb_source = jupytext.read(paths.REPORT_NOTEBOOK)
        for i, cell in enumerate(nb_source.cells):  # stable ids: the same inputs, the same HTML
            cell.id = f"cell-{i}"
        nbformat.write(nb_source, source_nb)
        unknown = set(params) - _notebook_parameters(source_nb)
        if unknown:
            raise ValueError(f"{paths.REPORT_NOTEBOOK}: no such notebook parameter(s) {sorted(unknown)}")
        with storage.atomic_path(out.executed_notebook) as executed:
            papermill.execute_notebook(str(source_nb), str(executed), parameters=params,
                                       kernel_name=KERNEL, cwd=str(paths.ROOT),
                                       kernel_manager_class=_ipc_kernel_manager(Path(tmp)),
                                       progress_bar=False, log_output=False)
            nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": TITLE}})
    # The template loads MathJax and require.js from a CDN; the report needs neither, and a
    # published page should not call out to third parties when a reader opens it.
    body = re.sub(r'<script[^>]+src="https?://[^"]+"[^>]*>\s*</script>', "", body)
    body = body.replace("</head>", HTML_CSS + "</head>", 1)
    storage.write_text(out.html, body)
    _pdf(body, out.pdf)


def _pdf(html_text: str, target: Path) -> None:
    import logging

    from weasyprint import CSS, HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with storage.atomic_path(target) as tmp:
        # PDF/UA-1: a tagged PDF (structure, reading order, language, title) for screen readers.
        # (what only the page shows, e.g. the searchable directory, is not even parsed)
        HTML(string=report_map.without_screen_only(html_text), base_url=str(paths.ROOT)).write_pdf(
            tmp, stylesheets=[CSS(string=PDF_CSS)], pdf_variant="pdf/ua-1")


def run(out: Outputs) -> None:
    from pipeline import variants

    render(out)
    print(f"[render] {out.html} and {out.pdf} written")
    if variants.remove_published(out):
        print("[render] the report changed: its variants were removed (`make report-variants` "
              "builds them again from this report)")
