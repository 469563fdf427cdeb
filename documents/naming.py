"""Names of bodies as the header of a state document sets them (Decree 30/2020)."""

# The words that open a place's name: "thành phố Cần Thơ", "tỉnh An Giang", "huyện Phong Điền".
PLACE_KINDS = ("thành phố", "tỉnh", "huyện", "quận", "thị xã", "thị trấn", "phường", "xã")


def split_place(name):
    """Split "Sở Tư pháp thành phố Cần Thơ" into ("Sở Tư pháp", "thành phố Cần Thơ"); ("Bộ Tư pháp", "")."""
    words = name.split()
    for start in range(1, len(words)):
        if any(_opens_place(words, start, kind) for kind in PLACE_KINDS):
            return " ".join(words[:start]), " ".join(words[start:])
    return name, ""


def _opens_place(words, start, kind):
    end = start + len(kind.split())
    if end >= len(words):
        return False
    found = " ".join(words[start:end])
    # Lower case then a capital: "thành phố Cần Thơ", never "Xã hội" in a department's name.
    if found == kind:
        return words[end][:1].isupper()
    # A name typed in capitals: "THÀNH PHỐ CẦN THƠ"; "XÃ HỘI" is society, not a commune.
    return found == kind.upper() and words[end] != "HỘI"


def header_names(parent, body):
    """Return the lines of the parent body and of the issuing body, as the header's left column sets them.

    Each keeps its place on a line of its own, and the body drops the place its parent already
    names: ["Ủy ban nhân dân", "thành phố Cần Thơ"] over ["Sở Tư pháp"].
    """
    parent_head, parent_place = split_place(parent or "")
    body_head, body_place = split_place(body)
    if parent and body_place and parent.casefold().endswith(body_place.casefold()):
        body_place = ""
    parent_lines = [line for line in (parent_head, parent_place) if line]
    return parent_lines, [line for line in (body_head, body_place) if line]


def last_words(text, longest=16):
    """Split off the words a line must not break: a place's name, else the last two words.

    "Trung tâm … nhà nước thành phố Cần Thơ" → ("Trung tâm … nhà nước", "thành phố Cần Thơ"),
    so that no line ends on one word ("phố") and a place's name never breaks.
    """
    head, place = split_place(str(text))
    if place:
        return head, place
    words = head.split()
    if len(words) > 2 and len(" ".join(words[-2:])) <= longest:
        return " ".join(words[:-2]), " ".join(words[-2:])
    return "", head
