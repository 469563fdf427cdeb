"""The apps form one ladder (DESIGN.md): each imports only the apps below it, never one above."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

LADDER = ["core", "accounts", "campaigns", "nominations", "councils", "awards", "dashboards"]
# Beside core: they know no domain, only core.
BESIDE_CORE = ["documents", "notifications"]
PROJECT_PACKAGES = {*LADDER, *BESIDE_CORE, "config"}


def allowed_imports(app):
    if app in BESIDE_CORE:
        return {app, "core"}
    below = LADDER[: LADDER.index(app) + 1]
    return {*below, *BESIDE_CORE}


def project_imports(path):
    """(line, package) of every import of a project package in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            package = name.split(".")[0]
            if package in PROJECT_PACKAGES:
                yield node.lineno, package


@pytest.mark.parametrize("app", LADDER + BESIDE_CORE)
def test_app_imports_only_the_apps_below_it(app):
    allowed = allowed_imports(app)

    upward = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} imports {package}"
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
        for line, package in project_imports(path)
        if package not in allowed
    ]

    assert upward == []


def test_the_ladder_check_finds_an_import_up_the_ladder(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from awards.models import Decision\nimport councils.services\nfrom .models import Nomination\n")

    found = [package for _, package in project_imports(module) if package not in allowed_imports("nominations")]

    assert found == ["awards", "councils"]
