"""Who may import whom in the apply flow: forms validate fields and know nothing of storing or sessions."""

import ast
from pathlib import Path

import applications


def test_forms_import_neither_services_nor_held_resumes():
    source = Path(applications.__file__).with_name("forms.py").read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(alias.name for alias in node.names if not node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not {name for name in imported if name.split(".")[-1] in ("services", "held")}
