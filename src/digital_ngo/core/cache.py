"""Whole-response caching of public pages and public API lists, invalidated by version keys.

The public portal changes only when something public is written, so its pages
are cached whole, per language, in the shared cache (``CACHES['default']``: the
database cache, or Redis when ``REDIS_URL`` is set). Each page names the
*topics* it reads (an app's label, e.g. ``registry``); the cache key holds the
current version of each topic, and :func:`bump` gives a topic a new version, so
every page that reads it is rendered afresh on its next request.

Who bumps: :mod:`digital_ngo.core.signals` connects ``post_save``,
``post_delete`` and ``m2m_changed`` of every model of the public apps
(:data:`PUBLIC_APPS`) to :func:`bump` in one place. The services that publish
(NGO verification, call publication, decisions, payments, report approvals,
press publication, open-data regeneration) all end in such saves, and so do
back-office edits, so no write that the public can see is missed — and no
service needs an extra line (the workflow conversion of every service is
under way in parallel). A version is bumped at once *and* again when the
transaction commits, so a page rendered by a concurrent request from the
not-yet-committed state cannot outlive the commit.

What is cached: GET and HEAD of anonymous visitors without pending messages,
answered 200 and setting no cookie. The CSRF token of the language switcher
is cached as a placeholder and replaced by the visitor's own token on every
response, so cached pages keep working forms. Entries expire after
:data:`TIMEOUT` seconds at most (bounding what time alone changes, such as a
call closing at its deadline). Each response carries an ``ETag`` and
``Last-Modified`` (the newest version of its topics), so a browser revalidating
gets ``304 Not Modified``.
"""

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

#: Apps whose rows the public sees; a write to any of their models bumps the app's topic.
PUBLIC_APPS = (
    "registry",
    "funding",
    "applications",
    "decisions",
    "grants",
    "press",
    "opendata",
    "media",
)
#: The topics read by pages showing registry, funding and grant data together.
ALL_PUBLIC = PUBLIC_APPS
#: Longest life of a cached page, in seconds.
TIMEOUT = 300
#: Stands for the CSRF token in cached pages; replaced per response.
CSRF_PLACEHOLDER = "csrf-placeholder-7f3c1e"
_PREFIX = "page"


def _version_key(topic: str) -> str:
    return f"v:{topic}"


def _new_version() -> str:
    """A version that sorts by time and never repeats: ``<nanoseconds>-<random>``."""
    return f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"


def _set_version(topic: str) -> None:
    cache.set(_version_key(topic), _new_version(), None)


def bump(topic: str) -> None:
    """Give ``topic`` a new version now and again on commit (once per transaction)."""
    _set_version(topic)
    if not connection.in_atomic_block:
        return
    pending = [getattr(entry[1], "bump_topic", None) for entry in connection.run_on_commit]
    if topic in pending:
        return

    def on_commit() -> None:
        _set_version(topic)

    on_commit.bump_topic = topic  # type: ignore[attr-defined]
    transaction.on_commit(on_commit)


def versions(topics: Iterable[str]) -> list[str]:
    """The current version of each topic (a missing one gets a fresh version)."""
    topics = list(topics)
    keys = [_version_key(topic) for topic in topics]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _new_version(), None)
            found[key] = cache.get(key) or _new_version()
    return [found[key] for key in keys]


def _last_modified(current: list[str]) -> float:
    return max(int(version.split("-")[0]) for version in current) / 1e9


def _has_messages(request: HttpRequest) -> bool:
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get("_messages"))


def is_cacheable_request(request: HttpRequest) -> bool:
    """Whether the request may be answered from the cache: an anonymous visitor's GET/HEAD."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
    return not _has_messages(request)


def page_key(request: HttpRequest, current: list[str], extra: str = "") -> str:
    """The cache key of this URL in this language at these topic versions."""
    raw = "|".join(
        [
            request.get_full_path(),
            get_language() or "",
            request.headers.get("HX-Request", ""),
            extra,
            *current,
        ]
    )
    return f"{_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _entry(response: HttpResponse, last_modified: float) -> dict[str, Any]:
    content = response.content
    return {
        "content": content,
        "headers": {
            name: value for name, value in response.items() if name.lower() not in {"set-cookie"}
        },
        "etag": '"' + hashlib.sha256(content).hexdigest()[:32] + '"',
        "last_modified": last_modified,
    }


def cacheable_response(response: HttpResponseBase) -> bool:
    """A complete 200 answer that sets no cookie and does not forbid caching."""
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )


def _with_token(request: HttpRequest, content: bytes) -> bytes:
    marker = CSRF_PLACEHOLDER.encode()
    if marker not in content:
        return content
    return content.replace(marker, get_token(request).encode())


def serve(request: HttpRequest, entry: dict[str, Any]) -> HttpResponseBase:
    """The response for a cached entry: 304 when the browser's copy is current."""
    response = HttpResponse(_with_token(request, entry["content"]))
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    patch_cache_control(response, private=True, no_cache=True)
    conditional = get_conditional_response(
        request,
        etag=entry["etag"],
        last_modified=int(entry["last_modified"]),
        response=response,
    )
    return conditional or response


def cached_page(*topics: str, timeout: int = TIMEOUT) -> Callable[..., Any]:
    """Cache a public view's anonymous responses until one of ``topics`` is bumped."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not is_cacheable_request(request):
                return view(request, *args, **kwargs)
            current = versions(topics)
            key = page_key(request, current)
            entry = cache.get(key)
            if entry is None:
                request.csrf_placeholder = True  # type: ignore[attr-defined]
                response = view(request, *args, **kwargs)
                if not cacheable_response(response):
                    if isinstance(response, HttpResponse) and not response.streaming:
                        response.content = _with_token(request, response.content)
                    return response
                entry = _entry(response, _last_modified(current))  # type: ignore[arg-type]
                cache.set(key, entry, timeout)
            return serve(request, entry)

        return wrapper

    return decorator


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor: in a page about to be cached, the CSRF token is a placeholder."""
    if getattr(request, "csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def cached_api_response(
    request: HttpRequest, topics: Iterable[str], render: Callable[[], HttpResponse]
) -> HttpResponseBase:
    """Serve an API answer from the cache, or ``render()`` it (a rendered response) and keep it.

    The API's public lists are the same for every caller, so the key does not depend on who
    asks; DRF has already authenticated, throttled and chosen the format before this runs.
    """
    current = versions(topics)
    key = page_key(request, current, extra=request.headers.get("Accept", ""))
    entry = cache.get(key)
    if entry is None:
        response = render()
        if not cacheable_response(response):
            return response
        entry = _entry(response, _last_modified(current))
        cache.set(key, entry, TIMEOUT)
    return serve(request, entry)
