import sys
import time
import zoneinfo
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import Summary, WordPressImport
from wordpress.wxr import WXRError


class ProgressBar:
    """A bar on the terminal, redrawn at most ten times a second; nothing when output is not a terminal."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width, self.drawn_at = stream, width, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        filled = self.width * done // max(total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} items")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content, WXR 1.1 or 1.2): authors, categories as "
        "sections, tags, posts with their pictures and comments; the old addresses answer with a redirect. "
        "Running it again changes only what WordPress changed since."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the export, an .xml file")
        parser.add_argument("--media-dir", type=Path, help="a copy of the site's wp-content/uploads")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would be imported, write nothing"
        )
        parser.add_argument(
            "--default-section",
            default="Berita",
            help="the section for posts in WordPress's “Uncategorized” (created if missing; default Berita)",
        )
        parser.add_argument(
            "--time-zone", help="the WordPress site's time zone, for dates without GMT (default TIME_ZONE)"
        )
        parser.add_argument(
            "--staff-accounts",
            action="store_true",
            help="give each WordPress author a newsroom account (Reporters, no usable password)",
        )

    def handle(self, *args, **options):
        path = options["file"]
        media_dir = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder")
        if options["time_zone"] and options["time_zone"] not in zoneinfo.available_timezones():
            raise CommandError(f"--time-zone {options['time_zone']} is not a time zone, e.g. Asia/Jakarta")
        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        run = WordPressImport(
            path,
            media_dir=media_dir,
            default_section=options["default_section"],
            time_zone=options["time_zone"],
            staff_accounts=options["staff_accounts"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        started = time.monotonic()
        try:
            summary = run.run()
        except WXRError as error:
            raise CommandError(f"{path}: {error}") from error
        self.write_summary(summary, dry_run=options["dry_run"], seconds=time.monotonic() - started)

    def write_summary(self, summary: Summary, *, dry_run: bool, seconds: float) -> None:
        heading = "Dry run, nothing written" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{heading} in {seconds:.1f} s:"))
        for name, count in sorted(summary.counts.items()):
            self.stdout.write(f"  {name}: {count}")
        if summary.skipped:
            self.stdout.write("Skipped:")
            for reason, count in sorted(summary.skipped.items()):
                self.stdout.write(f"  {reason}: {count}")
        if summary.problems:
            self.stdout.write("Reported:")
            for line in summary.problems:
                self.stdout.write(f"  {line}")
