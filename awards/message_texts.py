"""The texts this app sends about decisions: the award deadline and the signed decision; staff edit them at /thong-bao/mau/.

(code, language, description, subject, body): its data migration writes them; reminders.py registers them.
"""

TEXTS = [
    (
        "award_deadline", "vi",
        "Nhắc Thường trực Hội đồng hạn hoàn thành khen thưởng. Trường: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn hoàn thành khen thưởng: {campaign}",
        "Kính gửi {recipient},\n\nViệc xét, quyết định khen thưởng theo {campaign} cần hoàn thành trước ngày {deadline}, "
        "còn {days_left} ngày.",
    ),
    (
        "award_deadline", "en",
        "Reminds the standing office of the award deadline. Fields: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: awards for {campaign} are due",
        "Dear {recipient},\n\nThe awards under {campaign} must be decided by {deadline}, in {days_left} days.",
    ),
    (
        "decision_signed", "vi",
        "Báo cho đơn vị quyết định khen thưởng đã ký. Trường: {recipient}, {decision}, {summary}, {link}.",
        "Quyết định khen thưởng đã ký: {decision}",
        "Kính gửi {recipient},\n\n{decision} ({summary}) đã được ký, trong đó có tập thể, cá nhân của đơn vị.",
    ),
    (
        "decision_signed", "en",
        "Tells units an award decision was signed. Fields: {recipient}, {decision}, {summary}, {link}.",
        "Award decision signed: {decision}",
        "Dear {recipient},\n\n{decision} ({summary}) was signed and includes awardees of your unit.",
    ),
]
