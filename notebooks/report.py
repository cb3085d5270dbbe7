# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Online services that help children and young people stay safe: what was mapped, and what young people say
#
# Phase 2 analysis of mapped services and youth consultation notes. Every number below is
# computed by the pipeline; tables and figures can be reused with the data files in `figures/`.

# %% tags=["parameters"]
out_root = "."

# %%
from IPython.display import HTML, Markdown, display

from pipeline import report, report_findings, report_limits, report_map, report_typology
from pipeline.codebook import load_codebook

r = report.load(out_root)
f = r["findings"]
display(Markdown(report.banner(f)))
display(Markdown(report.summary(f)))

# %% [markdown]
# ## Key findings
#
# Each finding gives its numbers with a 95 % interval, a confidence grade with the reason for
# each component, its advisors' verdict, and the evidence behind it (open "Evidence").

# %%
for kind in report_findings.SECTIONS:
    display(HTML(report_findings.key_findings_html(f, kind)))

# %% [markdown]
# ## Recommendations
#
# Written and reviewed by the project, each citing the findings it rests on; the support below
# is recomputed on every run.

# %%
display(HTML(report_findings.recommendations_html(f)))

# %% [markdown]
# ## How young people seek help: the survey's multi-select questions
#
# Share of respondents who ticked each option, among those who answered the question, and by
# age band.

# %%
display(HTML(report_findings.survey_html(f)))

# %% [markdown]
# ## Data, methods and limitations
#
# Where the data come from, what they cover and what they cannot show; every number computed.

# %%
display(HTML(report_limits.limits_html(f, r["services"])))

# %% [markdown]
# ## Inputs and what happened to every row
#
# Each raw row is kept, merged into the same service from another submission, or rejected
# with a reason: rows read = kept + merged + rejected. Counts of people under the
# small-cell threshold show as "<10"; "hidden" marks a count of any size hidden beside a
# single small one, so that the small one cannot be worked out from the total.

# %%
display(report.table(report.inputs_table(f)))

# %% [markdown]
# ## The mapped services

# %%
figs = {e["id"]: e for e in r["figures"]}
display(HTML(report.figure_html(figs["services_by_region"], r["figures_dir"])))
display(HTML(report.figure_html(figs["channels_offered"], r["figures_dir"])))

# %% [markdown]
# ## The map and the directory
#
# Where the mapped services are: choose all services, one channel or one service type; the
# table under the map gives the same numbers. The directory below can be searched and filtered
# by country, channel, service type, language and age.

# %%
display(HTML(report_map.map_html(r["services"], r["segments"])))
display(HTML(report_map.directory_html(r["services"], r["segments"])))

# %% [markdown]
# ### Data quality
#
# How complete each field is after cleaning, and how many services carry each data-quality
# flag (values that could not be normalised are kept as submitted and flagged, never guessed).

# %%
display(report.table(report.quality_table(r["services"], r["segments"])))

# %% [markdown]
# ### Classifier proposals
#
# Codes a classifier suggests where people have coded enough services; proposals wait for a
# reviewer and are never counted above.

# %%
display(Markdown(f["coding"]["proposals"]["text"]))

# %% [markdown]
# ## Typology results
#
# How the mapped services spread over the codebook's dimensions (service type, channel, target
# group, function, risk...), and cross-tabulations of service type by channel, function by
# risk and target group by region. Each cell counts services; a service holding several codes
# of a dimension counts once under each. The codes are those after advisors' review (below).

# %%
for heading, typology_table, kind in report_typology.sections(r["segments"], r["services"], load_codebook()):
    # the heading as the table's caption: read with it, and never left at a page foot alone
    display(report.table(typology_table).set_caption(heading)
            .set_table_attributes(f'class="typology-{kind}"'))

# %% [markdown]
# ## Topics in service descriptions

# %%
display(HTML(report.figure_html(figs["topics_descriptions"], r["figures_dir"])))
display(report.table(report.topics_table(f, "descriptions")))
quality_text, quality_table = report.topic_quality(f, "descriptions")
if quality_text:
    display(Markdown(quality_text), report.table(quality_table))
by_region = report.topic_groups_table(f, "descriptions", "region")
if not by_region.empty:
    display(report.table(by_region).set_caption("Services per topic and UN M49 region"))

# %% [markdown]
# ## What young people say: topics in consultation notes
#
# Notes were pseudonymised before analysis. Counts of notes below the disclosure threshold are
# not shown.

# %%
if f["notes"]["count"] != 0:
    display(HTML(report.figure_html(figs["topics_notes"], r["figures_dir"])))
    display(report.table(report.topics_table(f, "notes")))
    quality_text, quality_table = report.topic_quality(f, "notes")
    if quality_text:
        display(Markdown(quality_text), report.table(quality_table))
    by_age = report.topic_groups_table(f, "notes", "age_band")
    if not by_age.empty:
        display(report.table(by_age).set_caption(
            "Respondents per topic and age band ('hidden': fewer than the disclosure threshold, "
            "or hidden beside such a cell)"))
    display(Markdown("### In their words\n\nPseudonymised quotes, only for topics backed by at "
                     "least the disclosure threshold of different people."))
    display(HTML(report.quotes_html(f)))
else:
    display(Markdown("No consultation notes were part of this run."))

# %% [markdown]
# ## Advisor review of the coding
#
# Advisors review the machine's codes in a coding sheet; their decisions replace the machine's
# codes (a lead reviewer, else the majority, settles disagreements). Agreement is shown as
# Cohen's kappa and Krippendorff's alpha, or as undefined with the reason.

# %%
display(Markdown(report.review_text(r["review"])))
if r["review"]["files"]:
    display(report.table(report.agreement_table(r["review_agreement"])))

# %% [markdown]
# ## Methods: how findings are made and graded

# %%
display(Markdown(report_findings.methods_text(f)))

# %% [markdown]
# ## Appendix: findings advisors rejected
#
# A finding that most of its reviewers disagreed with is moved here, never dropped.

# %%
display(HTML(report_findings.rejected_html(f)))

# %% [markdown]
# ## Provenance

# %%
display(Markdown(report.provenance(f)))
