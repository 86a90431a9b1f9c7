"""Compiles the .po catalogues under zerobay/locale and each app's locale/ into .mo files.

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine may lack; polib
does the same in pure Python, so `make setup` works with nothing but what the Makefile installs.
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

from zerobay.commands import Command as BaseCommand


class Command(BaseCommand):
    help = "Compile zerobay/locale/*/LC_MESSAGES/*.po into .mo files (no gettext tools needed)."

    def handle(self, *args, **options):
        app_dirs = [Path(a.path) / "locale" for a in apps.get_app_configs() if a.name.startswith("zerobay.")]
        for locale_dir in [*settings.LOCALE_PATHS, *app_dirs]:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                mo_path = po_path.with_suffix(".mo")
                catalogue.save_as_mofile(str(mo_path))
                self.stdout.write(
                    f"{mo_path.relative_to(settings.BASE_DIR)}: {len(catalogue.translated_entries())} entries"
                )
