from .text import normalize


class NormalizeInputMiddleware:
    """Store every submitted text in NFC, whatever the browser or the paste sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.POST:
            normalized = request.POST.copy()
            for key in normalized:
                normalized.setlist(key, [normalize(value) for value in normalized.getlist(key)])
            normalized._mutable = False
            request.POST = normalized
        return self.get_response(request)


class VietnameseByDefaultMiddleware:
    """Serve Vietnamese unless the user chose another language with the switcher.

    Browsers send their own Accept-Language (often en-US on office machines); the portal's
    language is Vietnamese, and English is only a choice stored in the language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
