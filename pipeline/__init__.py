"""Analysis pipeline for mapped online child-protection services and youth consultation notes.

One module per stage (ingest, clean, privacy, coding, topics, findings, figures, report), each
with a ``run(out)`` that reads declared inputs and writes declared outputs; every path lives in
:mod:`pipeline.paths`. Run it through ``make`` (see ``make help``).
"""
__version__ = "0.1.0"
