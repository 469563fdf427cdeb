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
    (
        "report_submitted", "vi",
        "Báo cho cán bộ theo dõi kế hoạch có báo cáo mới nộp. Trường: {recipient}, {report}, {unit}, {campaign}, {link}.",
        "Báo cáo mới nộp: {report} – {unit}",
        "Kính gửi {recipient},\n\n{unit} vừa nộp báo cáo \"{report}\" theo {campaign}. Đề nghị xem và đánh giá: {link}",
    ),
    (
        "report_submitted", "en",
        "Tells the office a report arrived. Fields: {recipient}, {report}, {unit}, {campaign}, {link}.",
        "New report: {report} – {unit}",
        "Dear {recipient},\n\n{unit} submitted the report \"{report}\" under {campaign}. Please review it: {link}",
    ),
    (
        "report_resubmitted", "vi",
        "Báo cho cán bộ theo dõi kế hoạch báo cáo bị trả lại đã được bổ sung, nộp lại. "
        "Trường: {recipient}, {report}, {unit}, {campaign}, {link}.",
        "Báo cáo đã bổ sung, nộp lại: {report} – {unit}",
        "Kính gửi {recipient},\n\n{unit} đã bổ sung và nộp lại báo cáo \"{report}\" theo {campaign}: {link}",
    ),
    (
        "report_resubmitted", "en",
        "Tells the office a returned report came back revised. Fields: {recipient}, {report}, {unit}, {campaign}, {link}.",
        "Report revised and resubmitted: {report} – {unit}",
        "Dear {recipient},\n\n{unit} revised and resubmitted the report \"{report}\" under {campaign}: {link}",
    ),
    (
        "report_returned", "vi",
        "Báo cho đơn vị báo cáo bị trả lại để bổ sung. Trường: {recipient}, {report}, {campaign}, {reasons}, {link}.",
        "Báo cáo cần bổ sung: {report}",
        "Kính gửi {recipient},\n\nBáo cáo \"{report}\" theo {campaign} được trả lại để bổ sung:\n{reasons}\n\n"
        "Đề nghị đơn vị bổ sung và nộp lại: {link}",
    ),
    (
        "report_returned", "en",
        "Tells a unit its report was returned. Fields: {recipient}, {report}, {campaign}, {reasons}, {link}.",
        "Report returned for revision: {report}",
        "Dear {recipient},\n\nThe report \"{report}\" under {campaign} was returned for revision:\n{reasons}\n\n"
        "Please revise and resend it: {link}",
    ),
    (
        "registration_due", "vi",
        "Nhắc đơn vị đăng ký thi đua đầu năm. Trường: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn đăng ký thi đua: {campaign}",
        "Kính gửi {recipient},\n\nĐơn vị chưa gửi bản đăng ký danh hiệu, chỉ tiêu thi đua theo {campaign}. "
        "Hạn đăng ký là ngày {deadline}, còn {days_left} ngày. Đề nghị đơn vị đăng ký: {link}",
    ),
    (
        "registration_due", "en",
        "Reminds a unit to register its emulation titles. Fields: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: emulation registration due – {campaign}",
        "Dear {recipient},\n\nYour unit has not sent its registration of titles and targets under {campaign}. "
        "It is due by {deadline}, in {days_left} days. Please register: {link}",
    ),
]
