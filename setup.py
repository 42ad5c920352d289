"""Packaging only: the package list, which pyproject.toml cannot give with the mapping below.

The themes, icons, word lists and the sample project live at the top of the repository
(resources/, projects/); a wheel carries them inside the package as studio/resources and
studio/resources/projects, where studio.ui.resources looks first.
"""

from setuptools import find_packages, setup

setup(
    # Each folder of data is named too: setuptools warns about a folder inside a package that
    # is not in this list, though the package-data globs carry its files either way.
    packages=[
        *find_packages(include=["studio*"]),
        "studio.resources",
        "studio.resources.icons",
        "studio.resources.themes",
        "studio.resources.wordlists",
        "studio.resources.projects",
    ],
    package_dir={"studio.resources": "resources", "studio.resources.projects": "projects"},
)
