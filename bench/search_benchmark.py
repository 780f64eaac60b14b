"""How fast is search over 50,000 articles? A benchmark, not a test: it is not part of `make test`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal .venv/bin/python bench/search_benchmark.py

It creates a database next to DATABASE_URL's (its name plus "_search_bench"), migrates it,
fills it with generated Indonesian-looking articles (bulk inserts; the search vectors are
computed in SQL in one statement), runs ten searches as the search page does (count and
first page, with ranking and snippets), prints the time of each and their median, and
drops the database again.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 50_000
BATCH = 2_000
PAGE = 12
QUERIES = [
    "panas",
    "harga beras",
    "banjir jakarta",
    "pemilihan umum",
    '"tim nasional"',
    "ekspor kopi",
    "gempa -jawa",
    "presiden or menteri",
    "harga cabai melonjak",
    "internet satelit sekolah",
]
# Words of every article, then the words of each topic (one line each); an article has one or two topics.
COMMON = """
yang dan di ke dari untuk dengan pada ini itu akan telah sudah masih juga tidak bisa harus
mengatakan menjelaskan menurut kata ujar kemarin hari minggu bulan tahun sekitar persen
pemerintah warga masyarakat daerah kota provinsi pusat baru besar kecil banyak
"""
TOPICS = """
harga beras cabai gula minyak pasar pedagang inflasi melonjak turun naik stok
ekspor impor kopi teh sawit rupiah dolar pengusaha pabrik pelabuhan kontainer
banjir hujan longsor sungai tanggul pengungsi evakuasi bantuan jakarta bekasi
gempa tsunami magnitudo guncangan bmkg pesisir sulawesi maluku jawa lombok
cuaca panas memanas kepanasan pemanasan suhu kemarau kekeringan iklim udara
pemilihan umum partai calon suara kampanye debat survei pemilih tps kpu
presiden menteri kabinet istana kebijakan peraturan dpr undang anggaran
tim nasional pemain pelatih pertandingan menang kalah gol juara liga stadion
internet satelit sekolah digital aplikasi jaringan ponsel guru pelajar desa
rumah sakit dokter pasien vaksin obat kesehatan puskesmas perawat penyakit
polisi tersangka penipuan pengadilan hakim jaksa korban kasus penyidik
kereta jalan tol bandara penerbangan mudik macet angkutan stasiun terminal
"""
SYLLABLES = "ba bi bu da di du ka ki ku la li lu ma mi mu na ni nu ra ri ru sa si su ta ti tu ya"


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Names and rarer words: the long tail of a real archive's vocabulary."""
    syllables = SYLLABLES.split()
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(count)]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choices(words, k=length)).capitalize()


def generated_articles(section_ids: list[int], now):
    from articles.models import Article

    rng = random.Random(2021)
    common, topics = COMMON.split(), [line.split() for line in TOPICS.strip().splitlines()]
    rare = rare_words(rng, 20_000)
    for number in range(ARTICLES):
        topic = [word for topic in rng.sample(topics, rng.choice([1, 1, 2])) for word in topic]
        words = common + topic * 2 + rng.sample(rare, 30)
        paragraphs = "".join(
            f"<p>{sentence(rng, words, rng.randint(15, 30))}.</p>" for _ in range(rng.randint(5, 9))
        )
        yield Article(
            headline=sentence(rng, topic + rng.sample(rare, 2), rng.randint(5, 9)),
            slug=f"berita-{number}",
            dek=sentence(rng, words, rng.randint(15, 25)) + ".",
            body=paragraphs,
            section_id=rng.choice(section_ids),
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=number * 7),
        )


def fill() -> None:
    from django.db import connection
    from django.utils import timezone

    from articles import publishing
    from articles.models import Article, Section

    sections = [
        Section.objects.create(name=name, slug=name.lower()) for name in ("Nasional", "Ekonomi", "Olahraga")
    ]
    started = time.perf_counter()
    Article.objects.bulk_create(
        generated_articles([section.pk for section in sections], timezone.now()), batch_size=BATCH
    )
    inserted = time.perf_counter()
    publishing.update_search_vectors(Article.objects.all())
    vectors = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")
    print(
        f"{ARTICLES:,} articles inserted in {inserted - started:.1f} s, "
        f"search vectors computed in {vectors - inserted:.1f} s"
    )


def search_once(query: str) -> tuple[float, int]:
    """The search page's work: how many match, and the first page with ranks and snippets."""
    from articles.models import Article

    started = time.perf_counter()
    results = Article.objects.published().for_links().search(query)
    total = results.count()
    page = list(results[:PAGE])
    elapsed = time.perf_counter() - started
    assert len(page) == min(total, PAGE)
    return elapsed, total


def benchmark() -> None:
    for query in QUERIES:  # warm the caches first
        search_once(query)
    timings = []
    for query in QUERIES:
        elapsed, total = search_once(query)
        timings.append(elapsed)
        print(f"{elapsed * 1000:8.1f} ms  {total:6,} matches  {query}")
    median = statistics.median(timings) * 1000
    print(f"median of {len(QUERIES)} searches over {ARTICLES:,} articles: {median:.1f} ms")


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/newsportal"
        )
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_search_bench"
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    sys.path.insert(0, str(ROOT))
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        fill()
        benchmark()
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    main()
