"""The print view of each year-end document: the template and what it draws, the same descriptions the .docx
files are written from. The screens add the page's title, the link back and the download link, and render it:

    view = print_views.minutes(doc, assessment, context)
    return render_template(view.template, **view.context, page_title=…, back_url=…, back_label=…, docx_url=…)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.documents.official import OfficialDocument
from app.documents.year_end import award_list as award_list_module
from app.documents.year_end import meeting_minutes, person_report
from app.documents.year_end import unit_report as unit_report_module
from app.documents.year_end.inputs import YearEndContext
from app.documents.year_end.year_data import YearData

TEMPLATE = "documents/year_end/print_page.html"


@dataclass(frozen=True)
class PrintView:
    documents: tuple[OfficialDocument, ...]
    template: str = TEMPLATE

    @property
    def context(self) -> dict:
        return {"documents": self.documents}


def unit_report(doc: Mapping, assessment: Mapping, context: YearEndContext) -> PrintView:
    return PrintView((unit_report_module.document(doc, assessment, context),))


def person_reports(doc: Mapping, assessment: Mapping, context: YearEndContext,
                   people: Iterable[str] | None = None) -> PrintView:
    """Every person's report (or those of `people`), each on a new sheet."""
    return PrintView(person_report.documents(doc, assessment, context, people))


def minutes(doc: Mapping, assessment: Mapping, context: YearEndContext) -> PrintView:
    return PrintView((meeting_minutes.document(doc, assessment, context),))


def award_list(doc: Mapping, assessment: Mapping, context: YearEndContext) -> PrintView:
    return PrintView((award_list_module.document(doc, assessment, context),))


def all_documents(data: YearData) -> PrintView:
    """Everything on paper at once: the unit's report, the minutes (when there was a meeting), the list, then each
    person's report."""
    documents = [unit_report_module.unit_report(data)]
    if data.context.meeting is not None:
        documents.append(meeting_minutes.minutes(data))
    documents.append(award_list_module.award_list(data))
    documents += person_report.all_reports(data)
    return PrintView(tuple(documents))
