import re

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

_WHOLE_NUMBER = re.compile(r"[1-9][0-9]*")
# Longer numbers are past any last page (and int() refuses thousands of digits).
_MAX_DIGITS = 15


class PostingPagination(PageNumberPagination):
    """Numbered pages over a stably ordered list (see ``PostingQuerySet.in_stable_order``).

    A malformed number is a 400, not silently the first page: a client with a
    bug should hear about it. A page past the end is DRF's 404.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def get_page_size(self, request):
        raw = self._whole_number(request, self.page_size_query_param)
        if raw is None:
            return self.page_size
        if len(raw) > 3 or int(raw) > self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"Give a whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def get_page_number(self, request, paginator):
        raw = self._whole_number(request, self.page_query_param)
        if raw is None:
            return 1
        if len(raw) > _MAX_DIGITS:
            raise NotFound(self.invalid_page_message)
        return int(raw)

    @staticmethod
    def _whole_number(request, name):
        """The parameter's digits as given (None when absent); anything else is a 400."""
        raw = request.query_params.get(name)
        # ASCII digits only: int() would also take " 2" or Arabic-Indic digits.
        if raw is not None and not _WHOLE_NUMBER.fullmatch(raw):
            raise ValidationError({name: ["Give a whole number from 1."]})
        return raw

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(maximum=self.max_page_size, default=self.page_size)
        return parameters
