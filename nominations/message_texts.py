"""The texts this app sends about dossiers: deadlines, processing times, returns and results; staff edit them at /thong-bao/mau/.

(code, language, description, subject, body): its data migration writes them; reminders.py registers them.
"""

TEXTS = [
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
    (
        "nomination_submitted", "vi",
        "Báo cho cán bộ theo dõi kế hoạch có hồ sơ mới nộp. Trường: {recipient}, {nomination}, {unit}, {campaign}, {link}.",
        "Hồ sơ mới nộp: {nomination}",
        "Kính gửi {recipient},\n\n{unit} vừa nộp hồ sơ \"{nomination}\" theo {campaign}. Đề nghị thẩm định hồ sơ: {link}",
    ),
    (
        "nomination_submitted", "en",
        "Tells the office a dossier arrived. Fields: {recipient}, {nomination}, {unit}, {campaign}, {link}.",
        "New dossier: {nomination}",
        "Dear {recipient},\n\n{unit} submitted the dossier \"{nomination}\" under {campaign}. Please appraise it: {link}",
    ),
    (
        "nomination_resubmitted", "vi",
        "Báo cho cán bộ theo dõi kế hoạch hồ sơ bị trả lại đã được đơn vị bổ sung và nộp lại. "
        "Trường: {recipient}, {nomination}, {unit}, {campaign}, {link}.",
        "Hồ sơ đã bổ sung, nộp lại: {nomination}",
        "Kính gửi {recipient},\n\n{unit} đã bổ sung và nộp lại hồ sơ \"{nomination}\" theo {campaign}. "
        "Lịch sử hồ sơ ghi rõ nội dung đã sửa: {link}",
    ),
    (
        "nomination_resubmitted", "en",
        "Tells the office a returned dossier came back revised. Fields: {recipient}, {nomination}, {unit}, {campaign}, {link}.",
        "Dossier revised and resubmitted: {nomination}",
        "Dear {recipient},\n\n{unit} revised and resubmitted the dossier \"{nomination}\" under {campaign}. "
        "Its history shows what changed: {link}",
    ),
]
