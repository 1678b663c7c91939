from povertyplan.models import Job


def jobs_of(user):
    """The user's own jobs, newest first."""
    return Job.objects.filter(owner_id=user.pk).select_related("unit")
