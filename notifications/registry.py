"""What the domain apps register with the outbox: the reminders they find, and the message texts they ship.

`notifications` knows no domain: each app registers its finders (functions of today that return the
`services.Reminder`s falling due, selected in SQL by date so the cost follows what is due) and its texts,
from its AppConfig.ready(). The daily run sends them all in bulk, each key once.
"""

from core.text import fold

FINDERS = []
SHIPPED_TEXTS = {}


def reminder_finder(finder):
    """Register a finder with the daily reminder run."""
    FINDERS.append(finder)
    return finder


def ship_texts(texts):
    """Register an app's shipped texts: (code, language, description, subject, body) each."""
    for code, language, *text in texts:
        SHIPPED_TEXTS[code, language] = text


def text_installer(texts):
    """A data migration's RunPython function that writes an app's shipped texts, keeping any staff edited."""

    def install(apps, schema_editor):
        MessageTemplate = apps.get_model("notifications", "MessageTemplate")
        for code, language, description, subject, body in texts:
            MessageTemplate.objects.get_or_create(code=code, language=language, defaults={
                "description": description, "subject_template": subject, "body_template": body,
                "search_text": fold(f"{code} {description} {subject}"),
            })

    return install
