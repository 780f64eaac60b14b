"""Pictures in the body: checked like lead images, the article's own only, served from their renditions."""

import json
from io import StringIO

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Article, BodyImage
from articles.publishing import delete_body_image, rerender_all, save_article

from .admin_forms import admin_form_data
from .factories import committed, jpeg_bytes, make_article, make_body_image, make_user
from .pictures import REFUSED_UPLOADS, assert_no_metadata, files_in, gps_exif, image_bytes, noise_jpeg
from .test_query_counts import queries_for

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def picker_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/body-images/"


def send_article_form(client, article, **fields):
    """Send the article's admin form as it is, with ``fields`` changed."""
    url = change_url(article)
    with committed():
        return client.post(url, admin_form_data(client.get(url)) | fields)


def upload_picture(client, article, upload, **fields):
    """Add a picture under "Pictures in the body" and save, as an editor would."""
    url = change_url(article)
    data = admin_form_data(client.get(url))
    number = int(data["body_images-TOTAL_FORMS"][0])
    new = {"image": upload, "alt": "Warga mengungsi ke masjid", **fields}
    data |= {f"body_images-{number}-{name}": value for name, value in new.items()}
    with committed():
        return client.post(url, data | {"body_images-TOTAL_FORMS": str(number + 1)})


def picture_errors(response, field="image") -> list[str]:
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is BodyImage
    ]
    return [error for form_errors in formset.errors for error in form_errors.get(field, [])]


def figure(body_image, alt="", caption="Keterangan foto") -> str:
    """What the editor's picture button puts in the body."""
    return (
        f'<figure class="figure"><img src="{body_image.image.url}" alt="{alt}" data-file="{body_image.pk}">'
        f'<figcaption class="figure-caption">{caption}</figcaption></figure>'
    )


def page_body(client, article):
    html = client.get(article.get_absolute_url()).content
    (body,) = lxml.html.fromstring(html).xpath('//div[@class="article__body"]')
    return body


def srcset(value: str) -> list[tuple[str, int]]:
    return [(url, int(width.removesuffix("w"))) for url, width in map(str.split, value.split(", "))]


@pytest.fixture
def draft(editor):
    return make_article(status=Article.Status.DRAFT, authors=[editor.author_profile])


@pytest.mark.parametrize("case", REFUSED_UPLOADS)
def test_bad_picture_gets_the_same_form_error_as_a_lead_image_and_leaves_no_file(
    case, editor_client, draft, media_root
):
    name, content, message = REFUSED_UPLOADS[case]
    before = files_in(media_root)

    response = upload_picture(editor_client, draft, SimpleUploadedFile(name, content()))

    assert response.status_code == 200
    assert picture_errors(response) == [message]
    assert not BodyImage.objects.exists()
    assert files_in(media_root) == before


def test_picture_over_the_size_limit_is_refused(editor_client, draft, media_root, settings):
    settings.LEAD_IMAGE_MAX_BYTES = 50_000
    before = files_in(media_root)

    response = upload_picture(editor_client, draft, SimpleUploadedFile("besar.jpg", noise_jpeg((300, 300))))

    (error,) = picture_errors(response)
    assert error.startswith("Berkas ini berukuran ") and error.endswith("; gambar maksimal 48,8\xa0KB.")
    assert files_in(media_root) == before


def test_picture_needs_alt_text(editor_client, draft, media_root):
    before = files_in(media_root)

    response = upload_picture(editor_client, draft, SimpleUploadedFile("foto.jpg", jpeg_bytes()), alt="  ")

    assert picture_errors(response, "alt") == ["Bidang ini tidak boleh kosong."]
    assert files_in(media_root) == before


def test_gps_and_camera_data_are_stripped_from_the_picture_and_every_rendition(
    editor_client, draft, media_root
):
    upload = SimpleUploadedFile("IMG_0042.JPG", image_bytes("JPEG", size=(2000, 1000), exif=gps_exif()))

    assert upload_picture(editor_client, draft, upload).status_code == 302

    body_image = BodyImage.objects.get()
    assert "IMG_0042" not in body_image.image.name
    assert (body_image.width, body_image.height) == (1000, 2000)  # turned upright
    stored = [body_image.image.name, *(r.name for r in body_image.picture.webp + body_image.picture.jpeg)]
    assert len(stored) == 1 + 2 * 3
    for name in stored:
        assert_no_metadata(media_root / name)


def test_picture_placed_with_the_editor_is_saved_as_a_figure_of_its_own(editor_client, draft):
    body_image = make_body_image(draft, alt="Warga mengungsi", size=(1200, 800))

    response = send_article_form(editor_client, draft, body=f"<p>Air naik.</p>{figure(body_image)}")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == (
        f'<p>Air naik.</p><figure><img src="{body_image.image.url}" alt="Warga mengungsi" width="1200" '
        'height="800"><figcaption>Keterangan foto</figcaption></figure>'
    )


def test_alt_text_written_in_the_editor_is_kept(draft):
    body_image = make_body_image(draft, alt="Warga mengungsi")
    draft.body = figure(body_image, alt="Anak-anak di pengungsian")
    save_article(draft)
    assert 'alt="Anak-anak di pengungsian"' in draft.body


def test_article_page_shows_the_picture_from_its_renditions(client, media_root):
    article = make_article()
    body_image = make_body_image(article, size=(2400, 1600), alt="Warga mengungsi", credit="Budi")
    article.body = f"<p>Air naik.</p>{figure(body_image, caption='Di masjid <em>Al-Ikhlas</em>')}"
    save_article(article)

    body = page_body(client, article)

    (picture,) = body.xpath("figure/picture")
    # lxml nests the <img> in the <source>, a void element its HTML parser does not know.
    (img,), (source,) = picture.iter("img"), picture.iter("source")
    assert (img.get("alt"), img.get("width"), img.get("height")) == ("Warga mengungsi", "960", "640")
    assert img.get("loading") == "lazy" and img.get("sizes") and source.get("sizes")
    jpeg, webp = srcset(img.get("srcset")), srcset(source.get("srcset"))
    assert [width for _, width in jpeg] == [width for _, width in webp] == [480, 960, 1600]
    assert jpeg == [(rendition.url, rendition.width) for rendition in body_image.picture.jpeg]
    assert webp == [(rendition.url, rendition.width) for rendition in body_image.picture.webp]
    for url in [img.get("src"), *(url for url, _ in jpeg + webp)]:
        assert url.startswith("/media/") and (media_root / url.removeprefix("/media/")).is_file()
    caption = body.xpath("figure/figcaption")[0].text_content()
    assert caption == "Di masjid Al-Ikhlas Foto: Budi"


def test_article_page_runs_the_same_queries_with_1_and_10_pictures(client, django_assert_max_num_queries):
    article = make_article()
    body_images = [make_body_image(article, size=(100, 60))]
    article.body = figure(body_images[0])
    save_article(article)
    one = queries_for(client, article.get_absolute_url())

    body_images += [make_body_image(article, size=(100, 60)) for _ in range(9)]
    article.body = "".join(figure(body_image) for body_image in body_images)
    save_article(article)

    with django_assert_max_num_queries(one):
        body = page_body(client, article)
    assert len(body.xpath("figure/picture")) == 10


def test_images_that_are_not_the_articles_own_do_not_survive_save(client):
    article = make_article()
    own = make_body_image(article)
    someone_elses = make_body_image(make_article())
    article.body = (
        '<p>Awal.</p><p><img src="https://tracker.example/p.gif" alt="x"></p>'
        '<figure><img src="/media/articles/2020/01/lain.jpg"><figcaption>Lain</figcaption></figure>'
        f"{figure(someone_elses, caption='Milik orang')}{figure(own, caption='Milik sendiri')}<p>Akhir.</p>"
    )
    save_article(article)

    assert article.body.count("<img") == 1 and own.image.url in article.body
    assert "Lain" not in article.body and "Milik orang" not in article.body
    body = page_body(client, article)
    assert [img.get("alt") for img in body.iter("img")] == [own.alt]
    assert body.text_content().split() == ["Awal.", "Milik", "sendiri", "Akhir."]


def test_page_shows_no_image_that_a_body_written_around_save_names_once_rerendered(client):
    article = make_article()
    own = make_body_image(article)
    Article.objects.filter(pk=article.pk).update(
        body=f'<p><img src="/media/articles/2020/01/lain.jpg" alt="lain"></p>{figure(own)}'
    )
    rerender_all(report=lambda line: None)

    body = page_body(client, article)

    assert len(body.xpath(".//img")) == 1
    assert "lain.jpg" not in lxml.html.tostring(body, encoding="unicode")


def test_deleting_a_picture_in_the_newsroom_takes_it_out_of_the_body(editor_client, draft):
    body_image = make_body_image(draft)
    draft.body = f"<p>Air naik.</p>{figure(body_image)}"
    save_article(draft)

    response = send_article_form(editor_client, draft, **{"body_images-0-DELETE": "on"})

    assert response.status_code == 302
    assert not BodyImage.objects.exists()
    draft.refresh_from_db()
    assert draft.body == "<p>Air naik.</p>"


def test_a_picture_deleted_elsewhere_never_shows_as_a_broken_image(client):
    article = make_article()
    body_image = make_body_image(article)
    article.body = f"<p>Air naik.</p>{figure(body_image, caption='Hilang')}"
    save_article(article)

    delete_body_image(body_image)

    body = page_body(client, article)
    assert not body.xpath(".//img | .//figure")
    assert "Hilang" not in body.text_content()


def test_editor_gets_a_picture_button_once_the_article_is_saved(editor_client, draft):
    def editor_config(url):
        html = editor_client.get(url).content
        (textarea,) = lxml.html.fromstring(html).xpath('//textarea[@name="body"]')
        return json.loads(textarea.get("data-django-prose-editor-configurable"))["extensions"]

    assert "Figure" not in editor_config("/admin/articles/article/add/")
    assert editor_config(change_url(draft))["Figure"] == {"pickerUrl": picker_url(draft)}


def test_picture_picker_offers_the_articles_own_pictures(editor_client, draft):
    own = make_body_image(draft, alt="Warga mengungsi", caption="Di masjid")
    make_body_image(make_article())

    response = editor_client.get(picker_url(draft))

    (button,) = lxml.html.fromstring(response.content).xpath('//ul[@class="picture-picker"]//button')
    assert (button.get("data-url"), button.get("data-alt"), button.get("data-caption")) == (
        own.image.url,
        "Warga mengungsi",
        "Di masjid",
    )
    assert button.find("img").get("src") == own.picture.jpeg[0].url


def test_picture_picker_of_an_article_without_pictures_says_what_to_do(editor_client, draft):
    html = editor_client.get(picker_url(draft)).content.decode()
    assert "Artikel ini belum punya foto." in html


def test_reporter_adds_pictures_to_their_own_draft_only(client, reporter):
    own = make_article(status=Article.Status.DRAFT, authors=[reporter.author_profile])
    others = make_article(status=Article.Status.DRAFT, authors=[make_user(author=True).author_profile])
    client.force_login(reporter)

    assert upload_picture(client, own, SimpleUploadedFile("foto.jpg", jpeg_bytes())).status_code == 302
    assert client.get(picker_url(own)).status_code == 200

    assert client.get(change_url(others)).status_code == 404
    assert client.get(picker_url(others)).status_code == 404
    forged = {
        "body_images-TOTAL_FORMS": "1",
        "body_images-INITIAL_FORMS": "0",
        "body_images-0-image": SimpleUploadedFile("foto.jpg", jpeg_bytes()),
        "body_images-0-alt": "Palsu",
    }
    assert client.post(change_url(others), forged).status_code == 404
    assert list(BodyImage.objects.values_list("article", flat=True)) == [own.pk]


def test_moderator_cannot_reach_pictures(client, moderator):
    article = make_article(status=Article.Status.DRAFT)
    make_body_image(article)
    client.force_login(moderator)
    assert client.get(picker_url(article)).status_code == 403
    assert client.get(change_url(article)).status_code in {403, 404}


def test_make_renditions_fills_in_missing_renditions_of_pictures_in_bodies(media_root):
    body_image = make_body_image(make_article())
    for rendition in body_image.picture.webp:
        (media_root / rendition.name).unlink()

    call_command("make_renditions", stdout=StringIO())

    for rendition in body_image.picture.webp:
        with Image.open(media_root / rendition.name) as image:
            assert image.format == "WEBP"


def test_a_figure_holding_two_images_never_breaks_save_or_page(client):
    article = make_article()
    own = make_body_image(article)
    article.body = f'<figure><img src="/media/lain.jpg"><img src="{own.image.url}"></figure><p>Teks.</p>'
    save_article(article)
    assert article.body == "<p>Teks.</p>"

    Article.objects.filter(pk=article.pk).update(
        body=f'<figure><img src="{own.image.url}"><img src="/media/lain.jpg"></figure><p>Teks.</p>'
    )
    rerender_all(report=lambda line: None)
    body = page_body(client, article)
    assert [img.get("alt") for img in body.iter("img")] == [own.alt]


def test_an_image_from_elsewhere_leaves_no_empty_paragraph():
    article = make_article(body='<p><img src="/media/elsewhere.jpg" alt="x"></p><p>Isi.</p>')
    assert article.body == "<p>Isi.</p>"
