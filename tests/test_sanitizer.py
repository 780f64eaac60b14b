import pytest

from articles.sanitizer import sanitize_html

from .factories import make_article


def test_script_tags_are_removed_with_their_content():
    assert sanitize_html("<p>Halo</p><script>alert(1)</script>") == "<p>Halo</p>"


def test_event_attributes_are_removed():
    cleaned = sanitize_html(
        '<p onclick="alert(1)">Halo <img src="/media/a.jpg" onerror="alert(2)" alt="a"></p>'
    )
    assert "onclick" not in cleaned
    assert "onerror" not in cleaned
    assert 'src="/media/a.jpg"' in cleaned


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "data:text/html,<b>x</b>"]
)
def test_unsafe_link_schemes_are_removed(href):
    cleaned = sanitize_html(f'<p><a href="{href}">klik</a></p>')
    assert "href" not in cleaned
    assert "klik" in cleaned


def test_safe_links_keep_their_address_and_get_noopener():
    cleaned = sanitize_html('<p><a href="https://example.org/x?a=1&amp;b=2">sumber</a></p>')
    assert 'href="https://example.org/x?a=1&amp;b=2"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_safelisted_structure_is_kept():
    html = (
        "<h2>Judul</h2><h3>Sub</h3><h4>Subsub</h4><ul><li>satu</li></ul><ol><li>dua</li></ol>"
        "<blockquote><p>kutipan</p></blockquote><p><strong>tebal</strong> <em>miring</em></p>"
        '<figure><img src="/media/x.jpg" alt="foto"><figcaption>Keterangan</figcaption></figure>'
    )
    assert sanitize_html(html) == html


def test_other_tags_and_styles_are_dropped_but_their_text_stays():
    cleaned = sanitize_html(
        '<div style="color:red"><span class="x">teks</span></div><iframe src="/x"></iframe>'
    )
    assert cleaned == "teks"


def test_images_from_another_host_are_not_kept():
    cleaned = sanitize_html(
        '<img src="https://tracker.example/p.gif" alt="x"><img src="//cdn.example/a.png">'
    )
    assert "tracker.example" not in cleaned
    assert "cdn.example" not in cleaned


@pytest.mark.django_db
def test_body_is_sanitised_when_an_article_is_saved():
    article = make_article(body='<p>Aman</p><script>steal()</script><a href="javascript:x()">x</a>')
    article.refresh_from_db()
    assert "script" not in article.body
    assert "javascript" not in article.body


def test_empty_link_titles_are_dropped():
    assert sanitize_html('<p><a href="https://example.org/" title="">x</a></p>') == (
        '<p><a href="https://example.org/" rel="noopener noreferrer">x</a></p>'
    )
