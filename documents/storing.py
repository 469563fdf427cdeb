"""Store a rendered PDF in a model's FileField, on whichever storage it uses."""

from django.core.files.base import ContentFile

from core.storage import storing


@storing()
def save_pdf(field_file, filename, pdf_bytes, *, save=True):
    """Store the PDF in a FileField in place of its old file: saving twice leaves one file."""
    old_name = field_file.name
    # Free the name first, or the storage would keep the old file and add "name_x7Kq.pdf".
    field_file.storage.delete(field_file.field.generate_filename(field_file.instance, filename))
    field_file.save(filename, ContentFile(pdf_bytes), save=save)
    if old_name and old_name != field_file.name:
        field_file.storage.delete(old_name)
