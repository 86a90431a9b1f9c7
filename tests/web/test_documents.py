"""People see a document's title and date where the data cite its file name."""

import pytest
from django.urls import reverse

from zerobay.registry.reference import load_reference
from zerobay.web.documents import document_titles


def test_file_names_become_titles_and_other_text_stays():
    assert document_titles("003_327d7e019bdad374.txt（四）") == (
        "《张江高新区闵行园区改革创新发展行动方案（2025-2026年）》（2025-03-07）（四）"
    )
    assert document_titles("999_0000000000000000.txt") == "999_0000000000000000.txt"  # unknown: as written
    assert document_titles("") == "" and document_titles(None) == ""


@pytest.mark.django_db
def test_the_carrier_list_shows_the_documents_title_not_its_file(admin_client):
    load_reference()
    page = admin_client.get(reverse("carrier-list")).content.decode()
    assert "闵行区科学技术委员会2025年工作总结" in page
    assert ">000_e00c020bf81a9b6b.txt<" not in page  # only in a tooltip
