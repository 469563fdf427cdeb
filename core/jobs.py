"""Long work run as a Celery job: its state and progress kept in the cache, read by the page that polls it.

Only the user who started a job reads it. The work itself writes no progress into the database: a transaction
that makes many rows at once would hide its progress from the page until it commits.
"""

import uuid

from django.core.cache import cache

KEEP_SECONDS = 6 * 3600
PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"


def start_job(user, **details):
    """A new job's id, pending, for the user; details (what it works on) are kept with its state."""
    job = uuid.uuid4().hex
    cache.set(_key(job), {"user": user.pk, "state": PENDING, "percent": 0, **details}, KEEP_SECONDS)
    return job


def job_state(job, user):
    """The job's state, progress and outcome for the user who started it; None for anyone else or a job unknown."""
    state = cache.get(_key(job))
    return state if state and state["user"] == user.pk else None


def report(job, **changes):
    """Record a job's progress (percent), state or outcome."""
    state = cache.get(_key(job)) or {}
    cache.set(_key(job), {**state, **changes}, KEEP_SECONDS)


def progress_reporter(job, total, *, start=0, end=100, every=10):
    """A callback counting rows done out of total, reported as percent between start and end every few rows."""

    def done(count):
        if count % every == 0 or count == total:
            report(job, state=RUNNING, percent=start + (end - start) * count // max(total, 1))

    return done


def _key(job):
    return f"job:{job}"
