"""The writes of candidate emails: send one message, reject-and-email in bulk, reject on closing.

Every message is queued in the outbox (``notifications.services.email_queue``) in
the caller's transaction and delivered by the task worker, never in a request.
Its key names the event (``application:<pk>:message:<token>``), so the same form
posted twice, or a bulk action confirmed twice, queues it once.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from applications.models import Application
from careers.models import CompanyProfile
from notifications.services import email_queue

from .models import CandidateEmail, EmailKind, PostingAutoRejection
from .placeholders import fill, values_for

logger = logging.getLogger(__name__)

# A closing posting rejects candidates still being considered. Those holding an offer are left to a
# person: withdrawing an offer by automation is not a mistake anyone should be able to make.
AUTO_REJECT_STAGES = (Application.Stage.NEW, Application.Stage.REVIEWING, Application.Stage.INTERVIEWING)


def company_name():
    return CompanyProfile.load().name


def message_render(*, application, subject, body, company=None) -> tuple[str, str]:
    """The subject and body a candidate receives: placeholders filled, the subject on one line."""
    values = values_for(application, company if company is not None else company_name())
    return fill(subject, values, single_line=True), fill(body, values)


def candidate_email_send(
    *, application, subject, body, token, by=None, template=None, kind=EmailKind.MESSAGE, send_at=None, company=None
) -> CandidateEmail | None:
    """Queue one message to the candidate and log it on the application; None if ``token`` was already used.

    ``by`` is the staff member sending it; None means the system (automatic rejection).
    ``subject``/``body`` hold placeholders, filled here. ``send_at`` holds it back.
    """
    rendered_subject, rendered_body = message_render(
        application=application, subject=subject, body=body, company=company
    )
    with transaction.atomic():
        outgoing = email_queue(
            key=f"application:{application.pk}:message:{token}", kind=f"message:{kind}", about=application,
            to=[application.email], subject=rendered_subject, body=rendered_body, send_at=send_at,
        )
        if outgoing is None:
            return None  # this form or action was already sent: the same message is never queued twice
        return CandidateEmail.objects.create(
            application=application, outgoing=outgoing, template=template, kind=kind, sent_by=by,
            by_system=by is None, send_at=outgoing.next_attempt_at,
        )


def applications_reject_and_email(*, applications, template, by, token, delay=timedelta(0)):
    """Move ``applications`` to Rejected (``by``, or the system if None) and queue one email per move.

    Only those the move changed are emailed: withdrawn ones and those already rejected
    are left alone. Returns ``(moved, withdrawn)`` as ``move_to`` does.
    """
    with transaction.atomic():
        result = applications.move_to(Application.Stage.REJECTED, by=by, system=by is None)
        send_at = timezone.now() + delay
        company = company_name()
        moved = Application.objects.filter(pk__in=result.moved_ids).select_related("posting")
        for application in moved:
            candidate_email_send(
                application=application, subject=template.subject, body=template.body, token=token, by=by,
                template=template, kind=template.kind, send_at=send_at, company=company,
            )
    return result


def posting_closed_reject_open(sender, posting, **kwargs):
    """On closing (``careers.signals.posting_closed``): reject and email open candidates, if the posting asks.

    Runs in ``close()``'s transaction. The key names this closing, so closing,
    re-opening and closing again emails only those still open the second time.
    """
    setting = PostingAutoRejection.objects.filter(posting=posting, enabled=True).select_related("template").first()
    if setting is None:
        return
    result = applications_reject_and_email(
        applications=Application.objects.filter(posting=posting, stage__in=AUTO_REJECT_STAGES),
        template=setting.template, by=None, token=f"closed-{posting.closed_at.timestamp():.0f}",
    )
    logger.info("Posting %s closed: %s open application(s) rejected and emailed", posting.pk, result[0])
