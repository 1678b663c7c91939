"""Helpers of the report workflow tests (their fixtures are in conftest.py): starting a report, and the
bytes of acceptable attachments."""
from django.core.files.uploadedfile import SimpleUploadedFile

from programmes import services

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def start(plan, user, month=3, agency=None, unit=None):
    return services.report_start(actor=user, plan=plan, rule=plan.reporting_rules.get(), period_year=2024,
                                 period_index=month, agency=agency, unit=unit)


def upload(name, content):
    """An upload whose browser-given type claims PDF whatever it holds (the service must not believe it)."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")
