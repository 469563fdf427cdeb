"""Files to upload in tests: well-formed ones, and the hostile ones an attacker would send."""

import io
import zipfile

import pikepdf
from PIL import Image

# The smallest PDF a reader opens: a catalog, a page tree and one A4 page (no cross-reference table: readers rebuild it).
ONE_PAGE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_with(change):
    """A one-page PDF changed by change(pdf), saved as bytes."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    change(pdf)
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def docx_with(parts=None):
    """A Word document's archive: its content types, its main part, and these parts (name → bytes)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        for name, content in (parts or {}).items():
            archive.writestr(name, content)
    return output.getvalue()


def photo(image_format="JPEG", size=(64, 48), exif=None):
    """A small photo, with EXIF when given (e.g. GPS position)."""
    output = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(output, image_format, **({"exif": exif} if exif else {}))
    return output.getvalue()
