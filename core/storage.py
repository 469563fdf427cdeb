"""Stored files (attachments, decisions, minutes, certificates) on local disk or an S3-compatible object store.

Every machine reads the same files through Django's storage API; a file reaches a user only
through a view that has checked the permission first.
"""

import contextlib
import logging
import posixpath

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from .exceptions import PortalError

logger = logging.getLogger(__name__)

# What a store that cannot be reached raises: the disk (OSError) or the object store (botocore, and boto3's
# S3UploadFailedError around a refused upload).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError, Boto3Error)
STORAGE_UNAVAILABLE = _("Kho lưu trữ tệp tạm thời không truy cập được: tệp chưa được lưu, vui lòng chọn lại tệp và thử lại sau ít phút.")
DOWNLOAD_UNAVAILABLE = _("Kho lưu trữ tệp tạm thời không truy cập được, vui lòng thử lại sau ít phút.")


class StorageUnavailable(PortalError):
    """The file store could not be reached: nothing was stored."""


@contextlib.contextmanager
def storing():
    """Turn a failure of the file store into a refusal with the message its user reads."""
    try:
        yield
    except STORAGE_ERRORS as error:
        logger.warning("The file store refused a write: %r", error)
        raise StorageUnavailable(STORAGE_UNAVAILABLE, code="storage_unavailable") from error


def retry_if_storage_failed(task, error):
    """Send a bound Celery task again, later and later, when the file store failed it and retries are left.

    Answer whether it was sent; if not, the task records its failure. A task run inline (embedded, or
    called directly) has no worker to come back to it: it records the failure, and the page offers a retry.
    """
    request = task.request
    if not isinstance(error, StorageUnavailable) or request.is_eager or request.called_directly:
        return False
    if request.retries >= task.max_retries:
        return False
    # The store may be back in a minute; a worker on another machine may reach it.
    logger.warning("The file store failed %s, retrying: %r", task.name, error)
    task.retry(exc=error, countdown=settings.STORAGE_RETRY_DELAY * 2**request.retries, throw=False)
    return True


def file_response(field_file, filename=None):
    """Answer a stored file as a download (named filename, or as stored), once the caller has checked the permission.

    With STORAGE_REDIRECT_DOWNLOADS the browser is sent to a link to the object store that the
    portal signed for AWS_QUERYSTRING_EXPIRE seconds; otherwise the portal streams the file.
    """
    if not field_file:
        raise Http404
    filename = filename or posixpath.basename(field_file.name)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    try:
        if settings.STORAGE_REDIRECT_DOWNLOADS:
            url = field_file.storage.url(field_file.name, parameters={"ResponseContentDisposition": disposition})
            response = HttpResponseRedirect(url)
        else:
            response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)
    except FileNotFoundError as error:
        raise Http404 from error
    except STORAGE_ERRORS as error:
        logger.warning("The file store could not serve %s: %r", field_file.name, error)
        return HttpResponse(DOWNLOAD_UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
    # The file, or the link signed for it, is this user's: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
