"""Package data from outside the package: the wheel carries the template and the macros.

``workbook/template.xlsm`` and ``macros/`` stay where the checkout keeps them (the CI check and the
README refer to them there); at build time they are copied to ``xladdin/data/`` inside the wheel,
where ``xladdin.resources`` finds them. Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's files directly
        data = Path(self.build_lib) / "xladdin" / "data"
        self.mkpath(str(data / "macros"))
        self.copy_file(str(HERE / "workbook" / "template.xlsm"), str(data / "template.xlsm"))
        for src in sorted((HERE / "macros").iterdir()):
            if src.is_file():
                self.copy_file(str(src), str(data / "macros" / src.name))


setup(cmdclass={"build_py": BuildPyWithData})
