import pytest
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.test.utils import isolate_apps

from documents.storing import save_pdf


@pytest.fixture
def decision_file(tmp_path):
    with isolate_apps("documents"):

        class Decision(models.Model):
            pdf = models.FileField(upload_to="decisions/", storage=FileSystemStorage(location=tmp_path))

            class Meta:
                app_label = "documents"

        yield Decision().pdf


def test_save_pdf_twice_leaves_exactly_one_file(decision_file, tmp_path):
    save_pdf(decision_file, "QD-12.pdf", b"%PDF-1 first", save=False)
    save_pdf(decision_file, "QD-12.pdf", b"%PDF-1 second", save=False)

    assert [path.name for path in (tmp_path / "decisions").iterdir()] == ["QD-12.pdf"]
    assert decision_file.name == "decisions/QD-12.pdf"
    assert (tmp_path / "decisions" / "QD-12.pdf").read_bytes() == b"%PDF-1 second"


def test_save_pdf_under_a_new_name_removes_the_old_file(decision_file, tmp_path):
    save_pdf(decision_file, "QD-du-thao.pdf", b"%PDF-1 draft", save=False)
    save_pdf(decision_file, "QD-12.pdf", b"%PDF-1 signed", save=False)

    assert [path.name for path in (tmp_path / "decisions").iterdir()] == ["QD-12.pdf"]
