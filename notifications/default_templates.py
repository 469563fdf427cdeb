"""The shipped texts of the reminders the domain apps send; staff edit them at /thong-bao/mau/."""

TEMPLATES = [
    (
        "nomination_deadline", "vi",
        "Nhắc đơn vị nộp hồ sơ đề nghị khen thưởng trước hạn. Trường: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn nộp hồ sơ đề nghị khen thưởng: {campaign}",
        "Kính gửi {recipient},\n\nHạn nộp hồ sơ đề nghị khen thưởng theo {campaign} là ngày {deadline}, còn {days_left} ngày.\n"
        "Đề nghị đơn vị hoàn thiện và nộp hồ sơ trên Cổng Thi đua – Khen thưởng trước thời hạn.",
    ),
    (
        "nomination_deadline", "en",
        "Reminds a unit to submit its nominations. Fields: {recipient}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: nominations for {campaign} are due",
        "Dear {recipient},\n\nNominations under {campaign} are due on {deadline}, in {days_left} days.\n"
        "Please complete and submit your dossiers on the portal before the deadline.",
    ),
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
        "appraisal_due", "vi",
        "Nhắc hạn thẩm định hồ sơ. Trường: {recipient}, {nomination}, {campaign}, {deadline}, {days_left}, {link}.",
        "Nhắc hạn thẩm định hồ sơ: {nomination}",
        "Kính gửi {recipient},\n\nHồ sơ \"{nomination}\" theo {campaign} cần được thẩm định xong trước ngày {deadline}, "
        "còn {days_left} ngày.",
    ),
    (
        "appraisal_due", "en",
        "Reminds of a dossier's appraisal deadline. Fields: {recipient}, {nomination}, {campaign}, {deadline}, {days_left}, {link}.",
        "Reminder: appraisal due – {nomination}",
        "Dear {recipient},\n\nThe dossier \"{nomination}\" under {campaign} must be appraised by {deadline}, "
        "in {days_left} days.",
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
        "meeting_tomorrow", "vi",
        "Nhắc thành viên họp Hội đồng ngày mai. Trường: {recipient}, {meeting}, {council}, {time}, {place}, {link}.",
        "Nhắc lịch họp Hội đồng: {meeting}",
        "Kính gửi {recipient},\n\n{council} họp lúc {time} tại {place}: {meeting}.\n"
        "Đề nghị thành viên nghiên cứu trước các hồ sơ trên Cổng Thi đua – Khen thưởng.",
    ),
    (
        "meeting_tomorrow", "en",
        "Reminds members of tomorrow's council meeting. Fields: {recipient}, {meeting}, {council}, {time}, {place}, {link}.",
        "Council meeting reminder: {meeting}",
        "Dear {recipient},\n\n{council} meets at {time}, {place}: {meeting}.\nPlease review the dossiers on the portal beforehand.",
    ),
    (
        "vote_pending", "vi",
        "Nhắc thành viên chưa biểu quyết khi vòng biểu quyết đang mở. Trường: {recipient}, {meeting}, {link}.",
        "Đề nghị biểu quyết: {meeting}",
        "Kính gửi {recipient},\n\nVòng biểu quyết của cuộc họp \"{meeting}\" đang mở, thành viên chưa biểu quyết.",
    ),
    (
        "vote_pending", "en",
        "Reminds members who have not voted while a round is open. Fields: {recipient}, {meeting}, {link}.",
        "Please vote: {meeting}",
        "Dear {recipient},\n\nVoting is open at the meeting \"{meeting}\" and you have not voted yet.",
    ),
    (
        "nomination_returned", "vi",
        "Báo cho đơn vị hồ sơ bị trả lại để bổ sung. Trường: {recipient}, {nomination}, {campaign}, {reasons}, {link}.",
        "Hồ sơ bị trả lại để bổ sung: {nomination}",
        "Kính gửi {recipient},\n\nHồ sơ \"{nomination}\" theo {campaign} được trả lại để bổ sung với lý do:\n{reasons}",
    ),
    (
        "nomination_returned", "en",
        "Tells a unit its dossier was returned. Fields: {recipient}, {nomination}, {campaign}, {reasons}, {link}.",
        "Dossier returned for revision: {nomination}",
        "Dear {recipient},\n\nThe dossier \"{nomination}\" under {campaign} was returned for revision:\n{reasons}",
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
        "nomination_accepted", "vi",
        "Báo cho đơn vị hồ sơ đã được thẩm định và đưa ra Hội đồng xét. Trường: {recipient}, {nomination}, {campaign}, {link}.",
        "Hồ sơ đã được đưa vào xét: {nomination}",
        "Kính gửi {recipient},\n\nHồ sơ \"{nomination}\" theo {campaign} đã được thẩm định đầy đủ và đưa ra Hội đồng xét.",
    ),
    (
        "nomination_accepted", "en",
        "Tells a unit its dossier was appraised and put before the council. Fields: {recipient}, {nomination}, {campaign}, {link}.",
        "Dossier referred to the council: {nomination}",
        "Dear {recipient},\n\nThe dossier \"{nomination}\" under {campaign} was appraised and put before the council.",
    ),
    (
        "nomination_decided", "vi",
        "Báo cho đơn vị kết quả xét của Hội đồng. Trường: {recipient}, {nomination}, {campaign}, {result}, {link}.",
        "Kết quả xét hồ sơ: {nomination}",
        "Kính gửi {recipient},\n\nHội đồng đã xét hồ sơ \"{nomination}\" theo {campaign}. Kết quả: {result}.",
    ),
    (
        "nomination_decided", "en",
        "Tells a unit the council's result on its dossier. Fields: {recipient}, {nomination}, {campaign}, {result}, {link}.",
        "Council result: {nomination}",
        "Dear {recipient},\n\nThe council considered the dossier \"{nomination}\" under {campaign}. Result: {result}.",
    ),
]
