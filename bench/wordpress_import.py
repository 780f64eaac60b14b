"""How long does a large WordPress export take to import, and how much memory? A benchmark, not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal .venv/bin/python bench/wordpress_import.py

It writes an export in WordPress's own layout (WXR 1.2) with 10,000 posts and 100,000 comments
(``--posts``, ``--comments``; threads, pending ones, a few categories and tags) to a temporary folder,
creates a database next to DATABASE_URL's (its name plus "_wordpress_bench"; the cache is REDIS_URL's, as
deployed), migrates it, runs ``manage.py import_wordpress`` on the file twice (the second run finds
everything imported), prints each run's time and peak memory (the process's maximum resident set),
and drops the database again.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["pemerintah", "warga", "harga", "beras", "banjir", "jakarta", "gempa", "pemilu", "gol"]
CATEGORIES = ["berita", "politik", "ekonomi", "olahraga", "daerah"]
TAGS = [f"topik-{number}" for number in range(50)]
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Koran Besar</title><link>https://besar.example</link><language>id-ID</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://besar.example</wp:base_site_url>
<wp:base_blog_url>https://besar.example</wp:base_blog_url>
"""


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def write_export(path: Path, posts: int, comments: int) -> None:
    rng = random.Random(11)
    per_post = comments // posts
    start = datetime(2015, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for number in range(1, 21):
            out.write(
                f"<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login><![CDATA[penulis{number}]]>"
                f"</wp:author_login><wp:author_email><![CDATA[penulis{number}@besar.example]]></wp:author_email>"
                f"<wp:author_display_name><![CDATA[Penulis Nomor {number}]]></wp:author_display_name>"
                "</wp:author>\n"
            )
        for term_id, slug in enumerate(CATEGORIES, start=1):
            parent = "berita" if slug == "politik" else ""
            out.write(
                f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{slug}"
                f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name><![CDATA[{slug.title()}]]></wp:cat_name></wp:category>\n"
            )
        comment_id = 0
        for post_id in range(1, posts + 1):
            date = start + timedelta(hours=7 * post_id)
            slug = f"berita-{post_id}"
            paragraphs = "\n\n".join(words(rng, 40) + "." for _ in range(6))
            tags = rng.sample(TAGS, 3)
            out.write(
                f"<item><title><![CDATA[Berita {post_id}: {words(rng, 6)}]]></title>"
                f"<link>https://besar.example/{date:%Y/%m/%d}/{slug}/</link>"
                f"<dc:creator><![CDATA[penulis{post_id % 20 + 1}]]></dc:creator>"
                f'<guid isPermaLink="false">https://besar.example/?p={post_id}</guid>'
                f"<content:encoded><![CDATA[{paragraphs}\n(PNL)]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{date:%Y-%m-%d %H:%M:%S}</wp:post_date>"
                f"<wp:post_date_gmt>{date - timedelta(hours=7):%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                f"<wp:comment_status>open</wp:comment_status><wp:post_name>{slug}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                "<wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="{CATEGORIES[post_id % 5]}">'
                f"<![CDATA[{CATEGORIES[post_id % 5].title()}]]></category>"
            )
            for tag in tags:
                out.write(f'<category domain="post_tag" nicename="{tag}"><![CDATA[{tag}]]></category>')
            first = comment_id + 1
            for number in range(per_post):
                comment_id += 1
                parent = first if number % 3 == 2 else 0
                approved = "0" if number % 7 == 6 else "1"
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author><![CDATA[Pembaca {comment_id}]]></wp:comment_author>"
                    f"<wp:comment_author_email>p{comment_id}@pembaca.example</wp:comment_author_email>"
                    "<wp:comment_author_IP>203.0.113.5</wp:comment_author_IP>"
                    f"<wp:comment_date_gmt>{date + timedelta(minutes=number):%Y-%m-%d %H:%M:%S}"
                    "</wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{words(rng, 15)} {comment_id}]]></wp:comment_content>"
                    f"<wp:comment_approved>{approved}</wp:comment_approved>"
                    f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}"
                    "</wp:comment_parent></wp:comment>"
                )
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def timed_import(export: Path, env: dict) -> tuple[float, float, str]:
    """Run the import in its own process; its wall time, its peak memory in MB and its output."""
    command = [sys.executable, "manage.py", "import_wordpress", str(export)]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode:
        raise SystemExit(f"import_wordpress failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (its database is left alone).")
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_wordpress_bench"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = dict(os.environ)
    env["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
    try:
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "export.xml"
            write_export(export, options.posts, options.comments)
            size = export.stat().st_size / 1024 / 1024
            print(f"export: {options.posts} posts, {options.comments} comments, {size:.0f} MB")
            env["MEDIA_ROOT"] = str(Path(folder) / "media")
            for command in ("migrate", "createcachetable"):
                subprocess.run([sys.executable, "manage.py", command, "-v0"], cwd=ROOT, env=env, check=True)
            for run in ("first run", "second run"):
                seconds, megabytes, output = timed_import(export, env)
                print(f"{run}: {seconds:.0f} s, peak memory {megabytes:.0f} MB")
                print("\n".join(f"    {line}" for line in output.splitlines()))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    main()
