"""Text for spreadsheets (Excel, CSV): what a user typed must stay text, never become a formula."""

# A spreadsheet evaluates a cell that starts with these (OWASP "CSV injection"): `=HYPERLINK(...)` typed as a
# person's name would become a live link in the award register. Tab and CR also start a formula in some.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """Return a string a spreadsheet shows as typed: one that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
