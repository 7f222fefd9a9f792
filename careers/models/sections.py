"""The body of a posting as sections staff name, add, remove and order.

The three original sections keep their text in the posting's own fields (``about_role``,
``qualifications``, ``thrive_if``: the search document, the API and the demo data read them),
now with a heading and a position staff can change; the defaults are the headings the page
always had, so an untouched posting renders exactly as before. Any further section is a
``PostingSection`` row (edited inline on the posting). ``Posting.body_sections`` merges them
in order: the public page, its JSON-LD description and the admin preview all render that.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from ..text import render_markdown, split_lines

ABOUT_ROLE_HEADING = "About the Role"
QUALIFICATIONS_HEADING = "We\u2019re looking for a blend of qualifications, including:"
THRIVE_HEADING = "You\u2019ll thrive in this role if:"
POSITION_HELP = "Sections appear in this order, lowest first (on a tie: about the role, qualifications, thrive, then added sections)."


class SectionKind(models.TextChoices):
    TEXT = "text", "Text (Markdown)"
    LIST = "list", "List (one item per line)"


@dataclass(frozen=True)
class BodySection:
    """One section of a posting's body as the page shows it."""

    anchor: str  # the heading's id, unique on the page
    heading: str
    html: str  # sanitized: Markdown through render_markdown, list items escaped
    note: str = ""  # plain text, escaped by the template
    major: bool = False  # "About the role" is a full-size heading, the lists smaller ones


def _list_ul(items):
    """Plain-text items as a list (escaped: list items are not Markdown, as they never were)."""
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item,) for item in items)))


class PostingSection(models.Model):
    """A section staff added to a posting's body, below or between the standard ones."""

    Kind = SectionKind

    posting = models.ForeignKey("careers.Posting", on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=4, help_text=POSITION_HELP)
    heading = models.CharField(max_length=200)
    kind = models.CharField(max_length=4, choices=SectionKind, default=SectionKind.TEXT)
    body = models.TextField(help_text="Markdown; for a list, one item per line.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(heading=""), name="careers_postingsection_has_heading"),
            models.CheckConstraint(condition=Q(kind__in=SectionKind.values), name="careers_postingsection_kind_valid"),
        ]

    def __str__(self):
        return self.heading

    def as_body_section(self, anchor):
        if self.kind == SectionKind.LIST:
            items = split_lines(self.body)
            html = _list_ul(items) if items else ""
        else:
            html = render_markdown(self.body)
        return BodySection(anchor=anchor, heading=self.heading, html=html) if html else None


class EditableSections(models.Model):
    """The headings and order of a posting's three standard sections (fields of ``Posting``)."""

    about_role_heading = models.CharField("heading", max_length=200, default=ABOUT_ROLE_HEADING)
    about_role_position = models.PositiveSmallIntegerField("position", default=1, help_text=POSITION_HELP)
    qualifications_heading = models.CharField("heading", max_length=200, default=QUALIFICATIONS_HEADING)
    qualifications_position = models.PositiveSmallIntegerField("position", default=2, help_text=POSITION_HELP)
    thrive_heading = models.CharField("heading", max_length=200, default=THRIVE_HEADING)
    thrive_position = models.PositiveSmallIntegerField("position", default=3, help_text=POSITION_HELP)

    class Meta:
        abstract = True

    def _standard_sections(self):
        """(position, section) of the standard sections that have something to show (from ``Posting``'s
        rendered texts and items)."""
        note = " ".join(filter(None, [self.travel_note, self.relocation_note]))
        sections = []
        if self.about_role.strip() or note:
            about = BodySection("about-role", self.about_role_heading, self.about_role_html, note, major=True)
            sections.append((self.about_role_position, about))
        for anchor, heading, position, items in (
            ("qualifications", self.qualifications_heading, self.qualifications_position, self.qualification_items),
            ("thrive", self.thrive_heading, self.thrive_position, self.thrive_items),
        ):
            if items:
                sections.append((position, BodySection(anchor, heading, _list_ul(items))))
        return sections

    def sections_with(self, added):
        """The body's sections in page order, with ``added`` (PostingSection rows, saved or not) among them."""
        ranked = [(position, rank, section) for rank, (position, section) in enumerate(self._standard_sections())]
        for index, row in enumerate(added):
            anchor = f"section-{row.pk}" if row.pk else f"section-new-{index}"
            if section := row.as_body_section(anchor):
                ranked.append((row.position, 3 + index, section))
        return [section for *_, section in sorted(ranked, key=lambda entry: entry[:2])]

    @cached_property
    def body_sections(self):
        """The body's sections in page order (uses prefetched ``sections`` when there are)."""
        return self.sections_with(self.sections.all() if self.pk else [])
