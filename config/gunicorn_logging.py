"""gunicorn's logger with ``GunicornRouteOnlyFilter`` on its error log (docker/entrypoint.sh: ``--logger-class``)."""

from gunicorn import glogging

from .log_filters import GunicornRouteOnlyFilter


class GunicornLogger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(GunicornRouteOnlyFilter())
