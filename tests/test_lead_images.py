"""Lead images: only real JPEG, PNG and WebP get in, stripped of metadata, with renditions made once."""

import io
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from articles.publishing import save_article

from .admin_forms import admin_form_data
from .factories import committed, jpeg_bytes, make_article, make_section
from .pictures import (
    GPS_IFD,
    REFUSED_UPLOADS,
    assert_no_metadata,
    files_in,
    gps_exif,
    image_bytes,
    noise_jpeg,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


def post_article(client, upload, **fields):
    """Send the admin's add form with a picture, as an editor would."""
    data = admin_form_data(client.get(ADD_URL)) | {
        "headline": "Banjir di Kampung Melayu",
        "slug": "banjir-di-kampung-melayu",
        "body": "<p>Air naik sejak subuh.</p>",
        "section": str(make_section().pk),
        "status": "draft",
        "lead_image": upload,
        "lead_image_alt": "Warga menuntun motor melewati genangan",
        **fields,
    }
    with committed():
        return client.post(ADD_URL, data)


@pytest.mark.parametrize("case", REFUSED_UPLOADS)
def test_bad_upload_gets_a_clear_form_error_and_leaves_no_file(case, editor_client, media_root):
    name, content, message = REFUSED_UPLOADS[case]
    before = files_in(media_root)

    response = post_article(editor_client, SimpleUploadedFile(name, content()))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["lead_image"] == [message]
    assert not Article.objects.exists()
    assert files_in(media_root) == before


def test_file_over_the_size_limit_is_refused(editor_client, media_root, settings):
    settings.LEAD_IMAGE_MAX_BYTES = 50_000
    content = noise_jpeg((300, 300))
    assert len(content) > 50_000
    before = files_in(media_root)

    response = post_article(editor_client, SimpleUploadedFile("besar.jpg", content))

    (error,) = response.context["adminform"].form.errors["lead_image"]
    assert error.startswith("Berkas ini berukuran ") and error.endswith("; gambar maksimal 48,8\xa0KB.")
    assert files_in(media_root) == before


def test_picture_over_the_pixel_limit_is_refused(editor_client, media_root, settings):
    settings.LEAD_IMAGE_MAX_PIXELS = 5_000_000
    before = files_in(media_root)

    response = post_article(
        editor_client, SimpleUploadedFile("lebar.png", image_bytes("PNG", size=(3000, 2000)))
    )

    assert response.context["adminform"].form.errors["lead_image"] == [
        "Gambar memiliki terlalu banyak piksel; maksimal 5 juta."
    ]
    assert files_in(media_root) == before


def test_pillows_decompression_bomb_warning_counts_as_an_error(editor_client, media_root, monkeypatch):
    # Pillow warns between its limit and twice that, and raises above; the warning must refuse too.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    response = post_article(editor_client, SimpleUploadedFile("kecil.png", image_bytes("PNG", size=(40, 40))))

    assert response.context["adminform"].form.errors["lead_image"] == [
        "Gambar memiliki terlalu banyak piksel; maksimal 40 juta."
    ]


def test_picture_needs_alt_text(editor_client, media_root):
    before = files_in(media_root)

    response = post_article(editor_client, SimpleUploadedFile("foto.jpg", jpeg_bytes()), lead_image_alt="  ")

    assert response.context["adminform"].form.errors["lead_image_alt"] == [
        "Jelaskan gambar untuk pembaca yang tidak dapat melihatnya."
    ]
    assert files_in(media_root) == before


def test_gps_and_camera_data_are_stripped_from_the_picture_and_every_rendition(editor_client, media_root):
    upload = SimpleUploadedFile("IMG_0042.JPG", image_bytes("JPEG", size=(2000, 1000), exif=gps_exif()))
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(GPS_IFD)
    upload.seek(0)

    assert post_article(editor_client, upload).status_code == 302

    article = Article.objects.get()
    assert "IMG_0042" not in article.lead_image.name
    # Turned upright as the camera's orientation said: the 2000 × 1000 picture stands 1000 × 2000.
    assert (article.lead_image_width, article.lead_image_height) == (1000, 2000)
    picture = article.lead_picture
    stored = [article.lead_image.name, *(r.name for r in picture.webp + picture.jpeg)]
    assert len(stored) == 1 + 2 * 3
    for name in stored:
        assert_no_metadata(media_root / name)


def test_renditions_are_made_on_save_and_the_page_serves_them(client, media_root):
    article = make_article(image=True, headline="Berfoto")
    article.lead_image.save(
        "besar.jpg", SimpleUploadedFile("besar.jpg", jpeg_bytes(size=(2400, 1350))), save=False
    )
    with committed():
        save_article(article)

    html = client.get(article.get_absolute_url()).content.decode()

    picture = re.search(r"<picture>.*?</picture>", html, re.S).group()
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', picture).group(1)
    jpeg = re.search(r'<img src="([^"]+)" srcset="([^"]+)"', picture).groups()
    urls = [entry.split()[0] for srcset in (webp, jpeg[1]) for entry in srcset.split(", ")] + [jpeg[0]]
    assert [entry.split()[1] for entry in webp.split(", ")] == ["480w", "960w", "1600w"]
    for url in urls:
        assert url.startswith("/media/")
        with Image.open(media_root / url.removeprefix("/media/")) as image:
            assert image.width in {480, 960, 1600}
            assert image.format == ("WEBP" if url.endswith(".webp") else "JPEG")
    assert 'width="960" height="540"' in picture
    assert 'sizes="' in picture


def test_renditions_are_not_made_again_on_the_next_save(media_root):
    article = make_article(image=True)
    rendition = media_root / article.lead_picture.largest.name
    made_at = rendition.stat().st_mtime_ns

    article.headline = "Judul baru"
    with committed():
        save_article(article)

    assert rendition.stat().st_mtime_ns == made_at


def test_picture_smaller_than_the_renditions_is_never_enlarged():
    article = make_article(image=True)  # 64 × 36
    assert [r.width for r in article.lead_picture.jpeg] == [64]


def test_transparent_png_keeps_transparency_in_webp_and_gets_white_under_jpeg(editor_client, media_root):
    half_clear = (51, 102, 153, 128)
    upload = SimpleUploadedFile(
        "logo.png", image_bytes("PNG", size=(600, 300), mode="RGBA", color=half_clear)
    )
    assert post_article(editor_client, upload).status_code == 302

    picture = Article.objects.get().lead_picture
    with (
        Image.open(media_root / picture.webp[0].name) as webp,
        Image.open(media_root / picture.jpeg[0].name) as jpeg,
    ):
        assert webp.mode == "RGBA" and webp.getpixel((0, 0))[3] < 255
        assert jpeg.mode == "RGB" and jpeg.getpixel((0, 0))[0] > 100  # blended with white, lighter


def test_demo_content_comes_with_renditions(media_root):
    with committed():
        call_command("load_demo", stdout=StringIO())
    for article in Article.objects.all():
        for rendition in article.lead_picture.webp + article.lead_picture.jpeg:
            assert (media_root / rendition.name).is_file(), rendition.name


def test_make_renditions_fills_in_what_older_articles_lack(media_root):
    article = make_article(image=True)
    for rendition in article.lead_picture.webp:
        (media_root / rendition.name).unlink()
    Article.objects.filter(pk=article.pk).update(lead_image_width=None, lead_image_height=None)

    call_command("make_renditions", stdout=StringIO())

    stored_size = Article.objects.values_list("lead_image_width", "lead_image_height").get(pk=article.pk)
    assert stored_size == (64, 36)
    assert all((media_root / rendition.name).is_file() for rendition in article.lead_picture.webp)


def test_a_very_wide_strip_still_gets_renditions(editor_client, media_root):
    upload = SimpleUploadedFile("strip.png", image_bytes("PNG", size=(4000, 2)))
    assert post_article(editor_client, upload).status_code == 302
    picture = Article.objects.get().lead_picture
    assert [(r.width, r.height) for r in picture.jpeg] == [(480, 1), (960, 1), (1600, 1)]
    assert all((media_root / r.name).is_file() for r in picture.jpeg + picture.webp)


@pytest.mark.parametrize(
    ("size", "focus", "ratio", "box"),
    [
        ((1600, 2400), (50, 50), (16, 9), (0, 750, 1600, 1650)),  # a portrait, from its middle
        ((1600, 2400), (50, 10), (16, 9), (0, 0, 1600, 900)),  # the subject at the top: as far up as it goes
        ((1600, 900), (50, 50), (16, 9), (0, 0, 1600, 900)),  # already 16:9: the whole picture
        ((1600, 900), (90, 50), (1, 1), (700, 0, 1600, 900)),  # a square at the right edge
        ((1600, 900), (20, 50), (4, 3), (0, 0, 1200, 900)),
    ],
)
def test_crops_keep_the_focal_point_in_view(size, focus, ratio, box):
    from articles.images import crop_box

    assert crop_box(*size, ratio, focus) == box


def test_a_lead_image_gets_16_9_4_3_and_1_1_crops_around_its_focal_point(media_root):
    article = make_article(image=True)
    article.lead_image_focus_x, article.lead_image_focus_y = 80, 20
    with committed():
        save_article(article)
    crops = article.lead_picture.crops
    assert [crop.name.rsplit("-", 3)[1:] for crop in crops.values()] == [
        ["16x9", "80", "20.jpg"],
        ["4x3", "80", "20.jpg"],
        ["1x1", "80", "20.jpg"],
    ]
    for crop, (width, height) in zip(crops.values(), [(16, 9), (4, 3), (1, 1)], strict=True):
        with Image.open(media_root / crop.name) as image:
            assert image.format == "JPEG"
            assert image.width * height == pytest.approx(image.height * width, abs=width)
            assert image.size == (crop.width, crop.height)


def test_an_editor_sets_the_focal_point_and_gets_crops_around_it(editor_client, media_root):
    article = make_article(image=True)
    url = f"/admin/articles/article/{article.pk}/change/"
    form = admin_form_data(editor_client.get(url))
    with committed():
        response = editor_client.post(url, form | {"lead_image_focus_x": "80", "lead_image_focus_y": "20"})
    assert response.status_code == 302
    article.refresh_from_db()
    for crop in article.lead_picture.crops.values():
        assert crop.name.endswith("-80-20.jpg")
        assert (media_root / crop.name).exists()


def test_a_focal_point_beyond_the_edge_is_refused(editor_client):
    article = make_article(image=True)
    url = f"/admin/articles/article/{article.pk}/change/"
    response = editor_client.post(
        url, admin_form_data(editor_client.get(url)) | {"lead_image_focus_x": "150"}
    )
    assert response.status_code == 200
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 100." in response.content.decode()
