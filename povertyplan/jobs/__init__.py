"""Việc chạy nền (background jobs): the registry of job kinds and what a handler is given.

An app registers a handler per kind (`@handler("household_export")`); the handler gets the Job and a
`Progress`, reports progress per chunk, and returns a `Result` (a file to offer, a message) or raises
`JobFailed` with a message for the user. Runners (povertyplan.jobs.runner) decide where it runs:
a Celery worker (REDIS_URL set), a thread of the web process (quick start), or inline (tests).
"""
from dataclasses import dataclass

_HANDLERS = {}


class JobFailed(Exception):
    """A failure the user can act on; its message is shown on the job's page."""

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message, self.errors = str(message), [str(e) for e in errors]


class JobCancelled(Exception):
    """Raised from Progress when the user cancelled the job: the handler's transaction rolls back."""


@dataclass
class Result:
    filename: str = ""
    path: str = ""      # a local file the runner moves into storage (the handler's temporary file)
    content: bytes = b""
    message: str = ""


def handler(kind):
    def register(function):
        _HANDLERS[kind] = function
        return function
    return register


def handler_for(kind):
    return _HANDLERS[kind]
