"""Notes and feedback in a candidate's data export (GDPR Art. 15; see README, privacy section)."""

# Prefetches for an application queryset feeding ``application_reviews``.
PREFETCH = ("notes", "feedback__criterion_notes")


def _iso(value):
    return value.isoformat() if value else None


def application_reviews(application) -> dict:
    """What staff wrote about the candidate, authors named by role (their names are their own personal data)."""
    return {
        "internal_notes": [
            {"written_at": _iso(n.created_at), "written_by": n.author_role, "text": n.text}
            for n in application.notes.all()
        ],
        "feedback": [
            {
                "written_at": _iso(f.created_at),
                "updated_at": _iso(f.updated_at),
                "written_by": f.reviewer_role,
                "recommendation": f.get_recommendation_display(),
                "criteria": [{"criterion": c.criterion_name, "notes": c.text} for c in f.criterion_notes.all()],
                "overall_notes": f.summary,
            }
            for f in application.feedback.all()
        ],
    }
