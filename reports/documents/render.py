"""Renderers of documents: HTML for the screen and PDF (WeasyPrint) from the same template.

The PDF never reaches the network: its only resources are the stylesheet and the vendored fonts
under static/, and the URL fetcher refuses anything else.
"""
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import default_url_fetcher

STATIC = (settings.BASE_DIR / "static").resolve()


class BlockedResource(ValueError):
    pass


def local_fetcher(url, *args, **kwargs):
    """Fetch only files under static/ (the stylesheet and its fonts) and data: URLs."""
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    if url.startswith("file://"):
        from urllib.request import url2pathname

        path = STATIC.joinpath(url2pathname(url.removeprefix("file://").split("?")[0])).resolve()
        if path.is_relative_to(STATIC) and path.is_file():
            return default_url_fetcher(path.as_uri(), *args, **kwargs)
    raise BlockedResource(f"resource outside static/ refused: {url}")


def stylesheet(name):
    return (STATIC / "css" / name).read_text(encoding="utf-8")


def render_pdf(template, context, *, fetcher=local_fetcher):
    """PDF bytes of `template` rendered with `context`; relative URLs resolve inside static/css/."""
    html = render_to_string(template, context)
    return HTML(string=html, base_url=(STATIC / "css").as_uri() + "/", url_fetcher=fetcher).write_pdf()
