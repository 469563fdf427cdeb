"""The texts this app sends about reports owed to a plan; staff edit them at /thong-bao/mau/.

(code, language, description, subject, body): its data migration writes them; reminders.py registers them.
"""

TEXTS = [
    (
        "report_due", "vi",
        "Nhắc đơn vị gửi báo cáo kết quả. Trường: {recipient}, {report}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn gửi báo cáo: {report}",
        "Kính gửi {recipient},\n\nBáo cáo \"{report}\" theo {campaign} cần gửi trước ngày {deadline}, còn {days_left} ngày.",
    ),
    (
        "report_due", "en",
        "Reminds a unit of a results report. Fields: {recipient}, {report}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: report due – {report}",
        "Dear {recipient},\n\nThe report \"{report}\" under {campaign} is due by {deadline}, in {days_left} days.",
    ),
    (
        "report_overdue", "vi",
        "Báo cho đơn vị báo cáo đã quá hạn. Trường: {recipient}, {report}, {campaign}, {deadline}, {days_overdue}, {link}.",
        "Báo cáo quá hạn: {report}",
        "Kính gửi {recipient},\n\nBáo cáo \"{report}\" theo {campaign} đã quá hạn ngày {deadline}. "
        "Đề nghị đơn vị gửi báo cáo trên Cổng Thi đua – Khen thưởng.",
    ),
    (
        "report_overdue", "en",
        "Tells a unit its report is overdue. Fields: {recipient}, {report}, {campaign}, {deadline}, {days_overdue}, {link}.",
        "Report overdue: {report}",
        "Dear {recipient},\n\nThe report \"{report}\" under {campaign} was due on {deadline}. Please send it on the portal.",
    ),
]
