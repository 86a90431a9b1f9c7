from .catalogue import compiled_catalogue  # noqa: F401 (autouse: the Chinese catalogue is compiled)
