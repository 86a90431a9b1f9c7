"""zerobay create_api_token USERNAME [--name NAME]

Prints the new key alone on standard output (once: only its hash is stored), so that
`KEY=$(zerobay create_api_token alice --name etl)` works; the explanation goes to standard error.
"""

from django.utils import translation

from zerobay.accounts.tokens import create_token
from zerobay.commands import Command as BaseCommand
from zerobay.commands import find_user, usage_error


class Command(BaseCommand):
    help = "Create an API token (Authorization: Bearer <key>) for a user and print its key once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for, e.g. 'torch-etl'")

    def handle(self, *args, **opts):
        with translation.override("en"):  # an operator's tool: it speaks English, as its output does
            user = find_user(opts["username"])
            if not user.is_active:
                raise usage_error(f"user {user.username} is inactive")
        token, key = create_token(user, name=opts["name"])
        self.stdout.write(key)
        self.stderr.write(
            f"API token {token.prefix}… created for {user.username}"
            + (f" ({token.name})" if token.name else "")
            + ". Store the key now: it cannot be shown again.",
            style_func=self.style.WARNING,
        )
