"""What every API router shares: the JSON error shape and its handlers, input types, pagination.

Every error the API answers is ``{"message": "...", "errors": {"field": ["..."]}}`` with
Vietnamese text; ``errors`` is empty when no field is to blame.
"""

import datetime as dt
import re
from collections import defaultdict
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.utils.log import log_response
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase
from pydantic import AfterValidator, BeforeValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from .dates import EARLIEST
from .money import parse_vnd
from .text import clean_line, clean_text

# Ids are 64-bit in both databases: a larger number would overflow the query, not miss.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value):
    """Dates are yyyy-mm-dd; pydantic alone would also read numbers as Unix timestamps."""
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("date_parsing", "Input should be a date in the format YYYY-MM-DD")


def _not_too_early(value: dt.date) -> dt.date:
    """The floor every date read by the system keeps (``core.dates.EARLIEST``)."""
    if value < EARLIEST:
        raise PydanticCustomError("date_too_early", "Dates before 1900-01-01 are refused")
    return value


# Every date an API client sends: yyyy-mm-dd, not before 01/01/1900 (``core.dates``).
Date = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_not_too_early)]

ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def _iso_datetime(value):
    """Moments are ISO 8601 text; pydantic alone would also read numbers as Unix timestamps."""
    if isinstance(value, dt.datetime) or (isinstance(value, str) and ISO_DATETIME.fullmatch(value)):
        return value
    raise PydanticCustomError("datetime_parsing", "Input should be a date and time in ISO 8601")


def _moment_not_too_early(value: dt.datetime) -> dt.datetime:
    _not_too_early(value.date())
    return value


# Every moment an API client sends (a publishing time): ISO 8601, not before 01/01/1900.
DateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime), AfterValidator(_moment_not_too_early)]


def vnd(label) -> Any:
    """An amount of money an API client sends: whole đồng as a JSON integer, or text as officers type
    it and pages take it (``"1.500.000"``, ``"1.500.000 đ"``), read by ``core.money.parse_vnd``. A
    decimal (``1.5``, ``"1,5"``), a negative, commas between thousands or words are a 422 on the field
    with the parser's Vietnamese message after ``label`` (the field as pages name it). Zero and the
    upper bound are the service's to judge. The schema says: an integer, or a string of at most 40."""

    def read(value):
        if isinstance(value, float) and not isinstance(value, bool):
            # 1500000.0 from a client is still a decimal: refused as one, in the parser's words.
            value = repr(value).replace(".", ",")
        if isinstance(value, str) and len(value) > 40:
            raise PydanticCustomError("string_too_long", "String should have at most 40 characters")
        try:
            return parse_vnd(value if isinstance(value, int | str) else str(value))
        except DjangoValidationError as exc:
            message = _("%(label)s: %(error)s") % {"label": label, "error": exc.messages[0]}
            raise PydanticCustomError("vnd", "{message}", {"message": message}) from None

    schema = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "maxLength": 40}]}
    return Annotated[int, BeforeValidator(read), WithJsonSchema(schema)]


INVALID = gettext_lazy("Dữ liệu không hợp lệ.")
UNAUTHENTICATED = gettext_lazy("Chưa xác thực hoặc mã truy cập không hợp lệ.")

# Pydantic's English messages, for the error types a client actually meets.
FIELD_MESSAGES = {
    "missing": gettext_lazy("Trường này là bắt buộc."),
    "int_parsing": gettext_lazy("Phải là một số nguyên."),
    "int_type": gettext_lazy("Phải là một số nguyên."),
    "greater_than_equal": gettext_lazy("Giá trị quá nhỏ."),
    "less_than_equal": gettext_lazy("Giá trị quá lớn."),
    "date_from_datetime_parsing": gettext_lazy("Ngày không hợp lệ (yyyy-mm-dd)."),
    "date_parsing": gettext_lazy("Ngày không hợp lệ (yyyy-mm-dd)."),
    "date_type": gettext_lazy("Ngày không hợp lệ (yyyy-mm-dd)."),
    "date_too_early": gettext_lazy("Không ghi ngày trước 01/01/1900."),
    "datetime_parsing": gettext_lazy("Thời điểm không hợp lệ (yyyy-mm-ddThh:mm)."),
    "string_type": gettext_lazy("Phải là một chuỗi ký tự."),
    "string_too_long": gettext_lazy("Quá dài."),
    "string_pattern_mismatch": gettext_lazy("Có ký tự không được phép."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "too_long": gettext_lazy("Danh sách quá dài."),
    "model_attributes_type": gettext_lazy("Phải là một đối tượng JSON."),
    "literal_error": gettext_lazy("Giá trị không thuộc danh mục cho phép."),
    "enum": gettext_lazy("Giá trị không thuộc danh mục cho phép."),
    "bool_type": gettext_lazy("Phải là true hoặc false."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
}

HTTP_MESSAGES = {
    400: gettext_lazy("Yêu cầu không hợp lệ (nội dung không đọc được)."),
    401: UNAUTHENTICATED,
    403: gettext_lazy("Bạn không có quyền thực hiện thao tác này."),
    404: gettext_lazy("Không tìm thấy."),
    405: gettext_lazy("Phương thức này không dùng được ở địa chỉ này."),
    413: gettext_lazy("Nội dung yêu cầu quá lớn (tối đa %(size)s)."),
    500: gettext_lazy("Lỗi máy chủ. Yêu cầu chưa được thực hiện; xin thử lại sau."),
}


# -- the OpenAPI schema ------------------------------------------------------------------------------
ADDRESS_PARTS = frozenset({"query", "path", "header", "cookie"})
NULL = {"type": "null"}


def never_null(schema: dict) -> dict:
    """A parameter's schema without the ``null`` pydantic adds for ``x: T | None = None``: ``T``'s,
    keeping the title, default and description. An address carries text, never a JSON null: an
    optional parameter is one left out (``required: false``), so a client reading ``anyOf [T,
    null]`` might send ``?year=null``, which is refused."""
    options = schema.get("anyOf")
    if not options or NULL not in options:
        return schema
    rest = [option for option in options if option != NULL]
    if len(rest) != 1:
        return schema
    return {**rest[0], **{key: value for key, value in schema.items() if key != "anyOf"}}


class API(NinjaAPI):
    """``NinjaAPI`` whose schema gives each optional address parameter its own type
    (``never_null``), so the documentation, and a client or fuzzer built from it, says what the
    server accepts."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for parameter in operation.get("parameters", ()) if isinstance(operation, dict) else ():
                    if parameter.get("in") in ADDRESS_PARTS and "schema" in parameter:
                        parameter["schema"] = never_null(parameter["schema"])
        return schema


def error_message(status: int):
    """The Vietnamese message of an HTTP error status (the generic one for any other 4xx)."""
    if status == 413:
        return HTTP_MESSAGES[413] % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    return HTTP_MESSAGES.get(status, _("Yêu cầu không hợp lệ."))


def _cleaned(cleaner, max_length: int) -> BeforeValidator:
    """Cleans a string with ``cleaner``; one longer than ``max_length`` as typed is refused before
    (the schema says ``maxLength``)."""

    def clean(value):
        if not isinstance(value, str):
            return value
        if len(value) > max_length:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": max_length},
            )
        return cleaner(value)

    return BeforeValidator(clean)


class Secret:
    """Marks a string input taken as typed (a password): never cleaned."""


def text(max_length: int, *, multiline: bool = False) -> Any:
    """A string input, cleaned as ``core.text`` says (``clean_line``, or ``clean_text`` keeping
    newlines with ``multiline``) before its length is checked: every ``str`` an API input schema
    takes is one of these (``tests/test_text_everywhere.py``), or a ``secret``. Longer than
    ``max_length`` as typed or once clean: 422."""
    cleaner = clean_text if multiline else clean_line
    return Annotated[str, _cleaned(cleaner, max_length), StringConstraints(max_length=max_length)]


def secret(max_length: int) -> Any:
    """A password: bounded and free of NUL characters (which PostgreSQL cannot store), otherwise
    as typed."""
    return Annotated[str, Secret(), StringConstraints(max_length=max_length, pattern=r"^[^\x00]*$")]


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


# Every operation may answer these: a body that is not JSON, no or a bad token, a permission
# missing, an object out of reach, input refused.
ERRORS: dict[Any, type[Schema]] = {(400, 401, 403, 404, 413, 422, 500): ErrorOut}


PAGE_SIZE_MAX = 200


class PageQuery(Schema):
    """``?page=&page_size=``: the paging of every list of the API (the tree, the register, documents and
    every work module); a list's own filters extend it. A page past the end is
    empty; out of range is a 422 naming the parameter."""

    page: int = Field(1, ge=1, le=MAX_ID // PAGE_SIZE_MAX, description="Trang, bắt đầu từ 1.")
    page_size: int = Field(50, ge=1, le=PAGE_SIZE_MAX, description="Số dòng mỗi trang (tối đa 200).")


def page_rows(rows, query: PageQuery) -> tuple[list, int]:
    """Page ``query.page`` of ``rows`` (a queryset or a list) and how many rows there are in all:
    one query for the page and one for the count."""
    start = (query.page - 1) * query.page_size
    items = list(rows[start : start + query.page_size])
    return items, rows.count() if isinstance(rows, QuerySet) else len(rows)


class PageNumbers(PaginationBase):
    """``@paginate(PageNumbers)``: ``?page=&page_size=`` answering ``{"items": [...], "count": N}``,
    for a route returning its whole (lazy) queryset or list, as ``PageQuery`` and ``page_rows``."""

    class Input(PageQuery):
        pass

    class Output(Schema):
        items: list[Any]
        count: int

    def paginate_queryset(self, queryset, pagination: PageQuery, **params):
        items, count = page_rows(queryset, pagination)
        return {"items": items, "count": count}


def _respond(api: NinjaAPI, request: HttpRequest, status: int, message, errors=None) -> HttpResponse:
    return api.create_response(request, {"message": str(message), "errors": errors or {}}, status=status)


def _field(loc: tuple) -> str:
    """``("body", "payload", "name", 0)`` -> ``name``; ``("query", "as_of")`` -> ``as_of``."""
    parts = list(loc[1:])
    if loc and loc[0] == "body":
        parts = parts[1:]  # the name of the view's body argument means nothing to the client
    return str(parts[0]) if parts else "__all__"


def _input_errors(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = defaultdict(list)
    for error in errors:
        message = str(FIELD_MESSAGES.get(error.get("type", ""), error.get("msg", "")) or INVALID)
        messages = fields[_field(tuple(error.get("loc", ())))]
        if message not in messages:  # one line for all the bad items of a list
            messages.append(message)
    return dict(fields)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every failure as JSON (``ErrorOut``): 422 for bad input, 401/403/404, 400 for a body
    that cannot be read, 413 for one over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (or with too many
    fields or files), and 500, without a traceback whatever ``DEBUG`` says, for anything else
    (logged with its traceback on ``django.request``, as Django logs its own 500s)."""

    @api.exception_handler(NinjaValidationError)
    def input_refused(request, exc):
        return _respond(api, request, 422, INVALID, _input_errors(exc.errors))

    @api.exception_handler(DjangoValidationError)
    def service_refused(request, exc):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return _respond(api, request, 422, INVALID, errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _respond(api, request, 404, HTTP_MESSAGES[404])

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return _respond(api, request, 403, str(exc) or HTTP_MESSAGES[403])

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return _respond(api, request, 401, UNAUTHENTICATED)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        # ninja's own messages are English ("Cannot parse request body"): say it in Vietnamese.
        return _respond(api, request, exc.status_code, error_message(exc.status_code))

    @api.exception_handler(SuspiciousOperation)
    def bad_request(request, exc):
        # Django raises these when it reads the body: too big, too many fields or files, or broken.
        too_big = isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
        status = 413 if too_big else 400
        return _respond(api, request, status, error_message(status))

    @api.exception_handler(UnreadablePostError)
    @api.exception_handler(MultiPartParserError)
    def unreadable(request, exc):  # a broken multipart body, or the client went away sending it
        return _respond(api, request, 400, error_message(400))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        got_request_exception.send(sender=None, request=request)
        response = _respond(api, request, 500, error_message(500))
        log_response(
            "Internal Server Error: %s", request.path, response=response, request=request, exception=exc
        )
        return response
