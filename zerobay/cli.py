"""The `zerobay` command: every management task of the project (`zerobay demo`, `zerobay import ...`)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([os.path.basename(sys.argv[0]) or "zerobay", *sys.argv[1:]])


if __name__ == "__main__":
    main()
