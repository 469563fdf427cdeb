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
