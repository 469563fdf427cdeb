import rules


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and notification.recipient_id == user.pk


# notifications.change_messagetemplate is granted by a higher app, which knows who the staff are.
rules.add_perm("notifications.view_notification", is_recipient)
