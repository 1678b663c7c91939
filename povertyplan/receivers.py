"""Logins, failed logins, logouts and lockouts into the audit trail.

They happen inside django.contrib.auth and django-axes, whose signals are the only seam those
offer; each receiver is one call into povertyplan.services, where the rule lives.
"""
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from povertyplan import services


@receiver(user_logged_in, dispatch_uid="povertyplan.audit.login")
def on_login(sender, request, user, **kwargs):
    services.auth_login_record(request=request, user=user)


@receiver(user_login_failed, dispatch_uid="povertyplan.audit.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    services.auth_event_record(action=services.AuthAction.LOGIN_FAILED, request=request, username=credentials.get("username"))


@receiver(user_logged_out, dispatch_uid="povertyplan.audit.logout")
def on_logout(sender, request, user, **kwargs):
    services.auth_event_record(action=services.AuthAction.LOGOUT, request=request, user=user)


@receiver(user_locked_out, dispatch_uid="povertyplan.audit.lockout")
def on_locked_out(sender, request, username, **kwargs):
    services.auth_event_record(action=services.AuthAction.LOCKOUT, request=request, username=username)
