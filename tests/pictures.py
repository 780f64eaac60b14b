"""Pictures for upload tests: good ones, ones with camera data, and the files every upload must refuse."""

import io

from PIL import Image

GPS_IFD = 0x8825


def files_in(root) -> set:
    return {path for path in root.rglob("*") if path.is_file()}


def image_bytes(image_format, size=(120, 80), mode="RGB", color="#336699", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def noise_jpeg(size) -> bytes:
    """A JPEG that compresses badly, to make a big file from few pixels."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 100).convert("RGB").save(buffer, "JPEG", quality=100)
    return buffer.getvalue()


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # make
    exif[0x0110] = "Canon EOS 5D"  # model
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 51.0, 10.0)})
    return exif


def assert_no_metadata(path) -> None:
    with Image.open(path) as image:
        assert not image.getexif(), path
        assert not {"exif", "xmp", "icc_profile", "comment"} & image.info.keys(), path


# A file name, its content, and the form error it must get.
REFUSED_UPLOADS = {
    "decompression bomb": (
        "bom.png",
        lambda: image_bytes("PNG", size=(20_000, 20_000), mode="1", color=0),
        "Gambar memiliki terlalu banyak piksel; maksimal 40 juta.",
    ),
    "truncated JPEG": (
        "terpotong.jpg",
        lambda: noise_jpeg((200, 200))[:3000],
        "Berkas gambar rusak atau tidak lengkap; simpan ulang lalu unggah berkas barunya.",
    ),
    "SVG": (
        "logo.svg",
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
        ),
        "Unggah gambar JPEG, PNG, atau WebP.",
    ),
    "EPS": (
        "gambar.eps",
        lambda: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto showpage\n%%EOF\n",
        "Unggah gambar JPEG, PNG, atau WebP.",
    ),
    "HTML renamed to .jpg": (
        "foto.jpg",
        lambda: b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        "Unggah gambar JPEG, PNG, atau WebP.",
    ),
    "GIF": ("animasi.gif", lambda: image_bytes("GIF"), "Unggah gambar JPEG, PNG, atau WebP."),
}
