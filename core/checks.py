"""What the portal checks before it starts: it refuses to run in production with the development key.

The refusal is a deploy check (`check --deploy`) and a guard of the WSGI and ASGI start, not a check of every
command: `migrate` or `makemigrations --check` need no key to run.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# The development default, and the placeholder of .env.example.
INSECURE_SECRET_KEYS = {settings.DEVELOPMENT_SECRET_KEY, "change-me", ""}


@checks.register(checks.Tags.security, deploy=True)
def secret_key_is_set(app_configs=None, **kwargs):
    """With DEBUG false, SECRET_KEY must be a key of its own: the default one is public."""
    if settings.DEBUG or settings.SECRET_KEY not in INSECURE_SECRET_KEYS:
        return []
    return [checks.Error(
        "DEBUG is false and SECRET_KEY is the development default: the portal will not start.",
        hint="Set SECRET_KEY (python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'),"
             " or DEBUG=true to try the portal on this machine.",
        id="config.E001",
    )]


def refuse_insecure_start():
    """Raise when the settings are unsafe to run: gunicorn and Celery run no system check of their own."""
    errors = secret_key_is_set()
    if errors:
        raise ImproperlyConfigured(f"{errors[0].msg} {errors[0].hint}")
