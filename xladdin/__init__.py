"""xladdin: 预算绩效目标表 validation and filling, an Excel add-in with a Python core."""


def __getattr__(name: str) -> str:
    """``xladdin.__version__``, looked up only when asked (importlib.metadata is slow to import)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xladdin")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"
