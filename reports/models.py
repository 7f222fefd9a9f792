"""Reports keep no data of their own: every figure is computed from applications on request."""

from applications.models import Application


class ApplicationReport(Application):
    """A proxy so the admin lists the reports (index link, breadcrumbs) like any other page.

    It has no permissions of its own: who may open the reports is who may read
    applications at all (``reports.access``), so the rule stays in one place.
    """

    class Meta:
        proxy = True
        verbose_name = "application report"
        verbose_name_plural = "application reports"
        default_permissions = ()
