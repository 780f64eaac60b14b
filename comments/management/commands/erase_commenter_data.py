from django.core.management.base import BaseCommand

from comments.privacy import erase_data


class Command(BaseCommand):
    help = "Anonymise the comments posted with an email address: name, email, website, IP and browser."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--remove-text", action="store_true", help="remove the comments' text as well")

    def handle(self, *args, **options):
        erased = erase_data(options["email"], remove_text=options["remove_text"])
        what = "and their text " if options["remove_text"] else ""
        self.stdout.write(f"Anonymised {erased} comments {what}posted with {options['email']}.")
