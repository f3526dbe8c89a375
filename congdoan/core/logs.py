"""Logs as operations read them: one JSON object a line, each with the id of its request.

- ``request_log`` (first middleware): gives every request an id (the proxy's ``X-Request-ID`` when
  it is a plain token, else a new one), answers it in ``X-Request-ID``, and writes one line per
  request to the ``congdoan.request`` logger: method, path, status, duration, the user's numeric id.
  Never the query string (a search may be an ID number or a phone) nor a body.
- ``RequestIdFilter`` puts that id on every record written while the request runs (``-`` outside one:
  the job worker, a command).
- ``JsonFormatter`` writes a record as JSON, with the plain values (text, numbers) passed in
  ``extra`` and never an object's text (Django's ``request`` prints the query string). An exception is its type and code locations only: its
  message, and the source lines a traceback quotes, may hold personal data (core.jobs does the same).
"""

import contextvars
import datetime as dt
import json
import logging
import re
import time
import traceback
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
HEADER = "X-Request-ID"
TOKEN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

access = logging.getLogger("congdoan.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


# Attributes every LogRecord has: anything else on a record was passed in ``extra`` and is written.
_PLAIN = (str, int, float, bool, type(None))
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id"}


def exception_locations(exc: BaseException) -> str:
    """``Type`` and one ``file:line in function`` per frame: no message, no quoted source."""
    frames = " < ".join(
        f"{f.filename}:{f.lineno} in {f.name}" for f in reversed(traceback.extract_tb(exc.__traceback__))
    )
    return f"{type(exc).__name__} at {frames}" if frames else type(exc).__name__


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.get()),
            "message": record.getMessage(),
        }
        # Plain values only: an object's text may carry personal data (Django's ``request`` extra
        # prints the full address, query string included).
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and isinstance(v, _PLAIN)})
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = exception_locations(record.exc_info[1])
        return json.dumps(entry, ensure_ascii=False)


def request_log(get_response):
    def middleware(request):
        given = request.headers.get(HEADER, "")
        rid = given if TOKEN.match(given) else uuid.uuid4().hex
        # Kept until the request has finished (Django logs an error answer after the middleware).
        request_id.set(rid)
        started = time.perf_counter()
        response = get_response(request)
        user = getattr(request, "user", None)
        access.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        response[HEADER] = rid
        return response

    return middleware


@receiver(request_finished)
def _request_over(**kwargs) -> None:
    request_id.set("-")
