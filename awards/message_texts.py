"""The texts this app sends about decisions: the award deadline, the signed decision and its outcome for the office that
forwarded dossiers; staff edit them at /thong-bao/mau/.

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
    (
        "forwarded_decided", "vi",
        "Báo cho cơ quan đã chuyển hồ sơ lên cấp trên: quyết định của cấp trên đã ký. "
        "Trường: {recipient}, {decision}, {summary}, {letter}, {awarded}, {link}.",
        "Kết quả hồ sơ chuyển lên cấp trên: {decision}",
        "Kính gửi {recipient},\n\n{decision} ({summary}) đã được ký; {awarded} hồ sơ đơn vị đã chuyển lên theo {letter} "
        "được khen thưởng.",
    ),
    (
        "forwarded_decided", "en",
        "Tells the office that forwarded dossiers upward that the higher decision was signed. "
        "Fields: {recipient}, {decision}, {summary}, {letter}, {awarded}, {link}.",
        "Outcome of the dossiers forwarded upward: {decision}",
        "Dear {recipient},\n\n{decision} ({summary}) was signed; {awarded} of the dossiers your office forwarded with "
        "{letter} are awarded.",
    ),
]
