from tests.programs.conftest import scenario  # noqa: F401 (an application with its attachment to back up)
