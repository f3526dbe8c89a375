"""Background jobs: start one, run it in a transaction, report live progress, keep its result file.

A job's work is a function ``work(job, progress)`` registered under a stable name with
``@job_work(name="members.import.check")``; the job row's ``kind`` is that name, never a module
path, so code can move without breaking queued or finished jobs (a rename needs a data migration of
``Job.kind``). Works register when their module is imported: an app imports its job modules in its
``plugin.py``, which every process (web and worker) imports at start-up. A job is handed to the
queue only once the transaction that created its row commits (``transaction.on_commit``), so a
worker never looks for a row it cannot see yet. The work
runs inside ONE transaction: it either finishes or leaves nothing behind. Rows it writes are
invisible to other connections until it commits, so live progress goes to the cache (LocMem in
dev and tests, Redis in production) and only the final state is written to the row.

Jobs belong to the user who started them: another user's job is a 404 (``job_get``).
"""

import datetime as dt
import logging
import re
import shutil
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import Job

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between two progress writes to the cache
PROGRESS_TTL = 24 * 60 * 60
KEEP_FOR = dt.timedelta(days=7)  # finished jobs and their files are purged after this
MAX_MESSAGE = 4000

Work = Callable[[Job, "Progress"], None]
# may_download(actor, job) -> whether the owner may still have the job's result file, asked at
# download time (a role that allowed the file may have ended since it was written).
DownloadRule = Callable[[object, Job], bool]


NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")  # "app.thing.step", lower case


@dataclass(frozen=True)
class JobKind:
    name: str
    work: Work
    result_template: str
    may_download: DownloadRule | None = None


REGISTRY: dict[str, JobKind] = {}


def job_work(
    *, name: str, result_template: str = "", may_download: DownloadRule | None = None
) -> Callable[[Work], Work]:
    """Register a function as job work under ``name`` ("app.thing.step": lower-case words and dots,
    starting with the owning app). ``result_template`` renders the finished job's ``result`` on the
    job page (it receives ``job``). ``may_download(actor, job)`` re-checks, at every download, that
    the owner may still have the result file (core knows no app's permissions); a kind without it
    has no downloadable result (``set_result_file`` refuses it). Raises ``ImproperlyConfigured`` for a malformed name or one
    another function holds."""
    if not NAME.match(name):
        raise ImproperlyConfigured(f"job name {name!r} must look like 'app.thing.step'")

    def decorator(fn: Work) -> Work:
        held = REGISTRY.get(name)
        if held is not None and (held.work.__module__, held.work.__qualname__) != (
            fn.__module__,
            fn.__qualname__,
        ):
            raise ImproperlyConfigured(f"job name {name!r} is registered twice")
        REGISTRY[name] = JobKind(name, fn, result_template, may_download)
        fn.job_name = name
        return fn

    return decorator


class NotJobWork(RuntimeError):
    """A function not registered with ``@job_work``, or a stored kind no registered work has."""


def kind_of(work: Work) -> str:
    """The stored kind of a registered work: its name."""
    name = getattr(work, "job_name", None)
    if name is None or name not in REGISTRY:
        raise NotJobWork(
            f"{getattr(work, '__qualname__', work)!r} is not registered with @job_work(name=...)"
        )
    return name


def _resolve(kind: str) -> JobKind:
    try:
        return REGISTRY[kind]
    except KeyError:
        raise NotJobWork(
            f"no job work is registered as {kind!r} (is its module imported by its app's plugin.py?)"
        ) from None


# -- files ---------------------------------------------------------------------------------------


def job_dir(job: Job) -> Path:
    """MEDIA_ROOT/jobs/<uuid>/: not under any served URL; files leave only through the owner's download."""
    path = Path(settings.MEDIA_ROOT) / "jobs" / str(job.pk)
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_file(job: Job, name: str) -> Path:
    return job_dir(job) / name


def set_result_file(job: Job, path: Path, download_name: str) -> None:
    """Offer ``path`` as the job's result; its kind must declare a ``may_download`` rule."""
    kind = REGISTRY.get(job.kind)
    if kind is None or kind.may_download is None:
        raise ImproperlyConfigured(f"job kind {job.kind!r} offers a file without a may_download rule")
    job.result_file = str(path.relative_to(Path(settings.MEDIA_ROOT)))
    job.result_name = download_name


def result_path(job: Job) -> Path | None:
    if not job.result_file:
        return None
    path = (Path(settings.MEDIA_ROOT) / job.result_file).resolve()
    if not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) or not path.is_file():
        return None
    return path


# -- progress ------------------------------------------------------------------------------------


def _progress_key(job_id) -> str:
    return f"job-progress:{job_id}"


# Jobs running in this process (immediate mode, the development worker thread): their figures are
# read from the Progress itself, exact, rather than from the cache, which lags by up to an interval.
_running: dict = {}


class Progress:
    """Counts the work done and publishes it to the cache at most every ``interval`` seconds."""

    def __init__(self, job: Job, interval: float = PROGRESS_INTERVAL):
        self.job_id = job.pk
        self.interval = interval
        self.step = ""
        self.done = 0
        self.total: int | None = None
        self._last = 0.0

    def start(self, step: str, total: int | None = None) -> None:
        """A new step (Đọc tệp, Kiểm tra, Ghi…): the bar restarts from zero."""
        self.step, self.total, self.done = str(step), total, 0
        self._publish()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._publish(now=now)

    def figures(self) -> dict:
        return {"step": self.step, "done": self.done, "total": self.total}

    def _publish(self, now: float | None = None) -> None:
        self._last = now or time.monotonic()
        cache.set(_progress_key(self.job_id), self.figures(), PROGRESS_TTL)


def progress_of(job: Job) -> dict:
    """What the progress bar shows: the live figures while running, the row's once finished."""
    live = None
    if job.state == Job.State.RUNNING:
        local = _running.get(job.pk)
        live = local.figures() if local is not None else cache.get(_progress_key(job.pk))
    step, done, total = (live["step"], live["done"], live["total"]) if live else ("", job.done, job.total)
    if job.state == Job.State.SUCCEEDED:
        percent = 100
    elif total:
        percent = min(100, int(100 * done / total))
    else:
        percent = 0
    return {"step": step, "done": done, "total": total, "percent": percent}


# -- starting and running ------------------------------------------------------------------------


def job_start(*, user, work: Work, label: str, params: dict | None = None, files: dict | None = None) -> Job:
    """Create the job, store its input ``files`` ({name: uploaded file}) in its folder and hand it to
    the queue once the current transaction commits (at once outside one; in tests and one-off
    commands the queue runs it then and there). Raises ``NotJobWork`` for unregistered work."""
    kind = kind_of(work)
    job = Job.objects.create(user=user, kind=kind, label=str(label)[:255], params=params or {})
    for name, upload in (files or {}).items():
        with job_file(job, name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id) -> None:
    from .tasks import run_job

    run_job(str(job_id))


def job_follow_up(
    *, user, source: Job, work: Work, label: str, params: dict | None = None
) -> tuple[Job, bool]:
    """Start ``work`` as THE follow-up of ``source`` (the write of a checked import), at most once:
    returns (the job, whether this call started it).

    If ``source`` (as the caller read it) already has a follow-up that did not fail, that one is
    returned and nothing starts; a failed one may be replaced. Two requests that read ``source``
    before either wrote race safely: the claim is a conditional UPDATE (``follow_up`` still what
    was read), so one wins; the loser's job is rolled back, never queued, and the winner's returned.
    """
    previous = source.follow_up_id
    if previous is not None:
        held = Job.objects.filter(pk=previous).exclude(state=Job.State.FAILED).first()
        if held is not None:
            return held, False
    with transaction.atomic():
        job = job_start(user=user, work=work, label=label, params=params)
        claimed = Job.objects.filter(pk=source.pk, follow_up_id=previous).update(follow_up=job)
        if not claimed:  # another request claimed it after we read it
            transaction.set_rollback(True)
    if not claimed:
        source.refresh_from_db(fields=["follow_up"])
        return source.follow_up, False
    source.follow_up = job
    return job, True


def job_run(job_id: str) -> None:
    """Run a queued job: its work in one transaction, then its final state on the row."""
    job = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).select_related("user").first()
    if job is None:
        return  # already run (a retried task) or deleted
    job.state, job.started_at = Job.State.RUNNING, timezone.now()
    job.save(update_fields=["state", "started_at"])
    progress = Progress(job)
    _running[job.pk] = progress
    try:
        kind = _resolve(job.kind)
        with transaction.atomic():
            kind.work(job, progress)
    except NotJobWork as exc:
        logger.error("job %s: %s", job.pk, exc)
        _fail(job, _("Lỗi hệ thống, đã ghi nhận."))
    except ValidationError as exc:
        _fail(job, "\n".join(exc.messages))
    except Exception as exc:
        # Type and code locations only: the message, and the source lines a traceback quotes, may
        # hold personal data (an ID number).
        frames = "".join(
            f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
            for f in traceback.extract_tb(exc.__traceback__)
        )
        logger.error("job %s (%s) failed with %s\n%s", job.pk, job.kind, type(exc).__name__, frames)
        _fail(job, _("Lỗi hệ thống, đã ghi nhận."))
    else:
        job.state = Job.State.SUCCEEDED
        if job.total is None:  # the work may set its own figure (rows imported); else the last step's
            job.total = progress.total if progress.total is not None else progress.done
        job.done = job.total
        job.finished_at = timezone.now()
        job.save(
            update_fields=["state", "done", "total", "result", "result_file", "result_name", "finished_at"]
        )
    finally:
        _running.pop(job.pk, None)
        cache.delete(_progress_key(job.pk))


def _fail(job: Job, message: str) -> None:
    path = result_path(job)
    if path is not None:
        path.unlink()  # a half-written result must not be offered
    job.state, job.message, job.finished_at = Job.State.FAILED, message[:MAX_MESSAGE], timezone.now()
    job.result, job.result_file, job.result_name = {}, "", ""
    job.save(update_fields=["state", "message", "result", "result_file", "result_name", "finished_at"])


def may_download(actor, job: Job) -> bool:
    """Whether ``actor`` (the job's owner) may download its result now: the kind's ``may_download``
    rule, asked at download time; False for a kind no work is registered as, or registered without
    a rule (fail closed: every download re-checks a permission, issue 8)."""
    kind = REGISTRY.get(job.kind)
    if kind is None or kind.may_download is None:
        return False
    return bool(kind.may_download(actor, job))


def result_template(job: Job) -> str:
    kind = REGISTRY.get(job.kind)
    return kind.result_template if kind else ""


# -- reads: a user's own jobs --------------------------------------------------------------------


def user_jobs(*, user) -> QuerySet[Job]:
    return Job.objects.filter(user=user).order_by("-created_at")


def job_get(*, user, job_id, kind: str | None = None) -> Job:
    """The user's own job, or 404: another user's job does not exist for them."""
    qs = user_jobs(user=user)
    if kind is not None:
        qs = qs.filter(kind=kind)
    job = qs.filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


# -- failed jobs: the system administrator's view ---------------------------------------------------


def failed_jobs(*, actor) -> QuerySet[Job]:
    """Every user's failed jobs, newest first, for a superuser; nothing for anyone else."""
    if not (actor.is_active and actor.is_superuser):
        return Job.objects.none()
    return Job.objects.filter(state=Job.State.FAILED).select_related("user").order_by("-finished_at")


@transaction.atomic
def job_retry(*, actor, job_id) -> Job:
    """Put a failed job back in the queue with its input files (a superuser's repair after the
    cause is fixed). 404 for anyone else or a job that is not there; ``ValidationError`` for a job
    that has not failed. Audited as ``job.retry``; the queue gets it once this commits."""
    job = failed_jobs(actor=actor).select_for_update(of=("self",)).filter(pk=job_id).first()
    if job is None:
        if actor.is_active and actor.is_superuser and Job.objects.filter(pk=job_id).exists():
            raise ValidationError({"state": _("Chỉ chạy lại được công việc đã thất bại.")})
        raise Http404
    before = {"state": job.state, "message": job.message}
    job.state, job.message, job.done, job.total = Job.State.QUEUED, "", 0, None
    job.started_at = job.finished_at = None
    job.save(update_fields=["state", "message", "done", "total", "started_at", "finished_at"])
    audit.record(
        actor=actor, action="job.retry", obj=job, unit_id=None, before=before, after={"state": job.state}
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def queue_state() -> dict:
    """What `manage.py queue_status` shows: the queue's own counts and the jobs by state."""
    from huey.contrib.djhuey import HUEY

    by_state = dict(Job.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    recent = timezone.now() - KEEP_FOR
    return {
        "queue": HUEY.name,
        "storage": type(HUEY).__name__,
        "pending": HUEY.pending_count(),
        "scheduled": HUEY.scheduled_count(),
        "results": HUEY.result_count(),
        "jobs": {state: by_state.get(state, 0) for state in Job.State.values},
        "failed_recently": Job.objects.filter(state=Job.State.FAILED, finished_at__gte=recent).count(),
    }


# -- housekeeping and the development worker -------------------------------------------------------


def jobs_purge(*, older_than: dt.timedelta = KEEP_FOR) -> int:
    """Delete finished jobs older than ``older_than`` with their files."""
    old = Job.objects.filter(
        created_at__lt=timezone.now() - older_than, state__in=[Job.State.SUCCEEDED, Job.State.FAILED]
    )
    ids = list(old.values_list("pk", flat=True))
    for job_id in ids:
        shutil.rmtree(Path(settings.MEDIA_ROOT) / "jobs" / str(job_id), ignore_errors=True)
    Job.objects.filter(pk__in=ids).delete()
    return len(ids)


def start_inprocess_worker(huey) -> threading.Thread:
    """`make run`: consume the in-memory queue in a daemon thread of the serving process, so that
    a request returns at once and the job page shows progress (production runs `manage.py run_huey`)."""

    def loop():
        while True:
            try:
                task = huey.dequeue()
                if task is None:
                    time.sleep(0.2)
                    continue
                huey.execute(task)
            except Exception:
                logger.exception("in-process job worker")

    huey.immediate = False  # enqueue now stores the task for the thread instead of running it
    thread = threading.Thread(target=loop, name="job-worker", daemon=True)
    thread.start()
    return thread
