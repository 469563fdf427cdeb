"""The texts this app sends about the council: meetings and pending votes; staff edit them at /thong-bao/mau/.

(code, language, description, subject, body): its data migration writes them; reminders.py registers them.
"""

TEXTS = [
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
        "meeting_scheduled", "vi",
        "Giấy mời họp gửi các thành viên khi cuộc họp được lên lịch. Trường: {recipient}, {council}, {title}, {time}, "
        "{date}, {place}, {count}, {link}.",
        "Giấy mời họp {council} ngày {date}",
        "Kính mời đồng chí dự cuộc họp của {council}: {title}.\nThời gian: {time} ngày {date}.\nĐịa điểm: {place}.\n"
        "Chương trình họp gồm {count} hồ sơ đề nghị khen thưởng; đồng chí có thể xem hồ sơ trước trên Cổng.",
    ),
    (
        "meeting_scheduled", "en",
        "Invitation sent to every member when a meeting is scheduled. Fields: {recipient}, {council}, {title}, {time}, "
        "{date}, {place}, {count}, {link}.",
        "Invitation: {council} meets on {date}",
        "You are invited to the meeting of {council}: {title}.\nTime: {time} on {date}.\nPlace: {place}.\n"
        "The agenda has {count} nomination dossiers; you can read them beforehand on the portal.",
    ),
]
