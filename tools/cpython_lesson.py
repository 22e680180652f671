"""Runs a markdown lesson's ```python blocks under CPython the way `refpy lesson.md` does:
in order, each block compiled as a unit of its own, all in one `__main__` namespace. Prints
each block's output under a `── block N ──` line, so a lesson author can compare CPython's
figures with refpy's (`tests/lessons.rs` does that for every lesson in examples/lessons).

    python3 tools/cpython_lesson.py examples/lessons/object_sizes.md
"""

import contextlib
import io
import sys
import traceback


def python_blocks(text):
    """The code of each ```python / ```py / ```python3 block, in order."""
    blocks, current, indent = [], None, ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if current is None:
            if stripped.startswith("```") and stripped[3:].strip().lower() in (
                "python",
                "py",
                "python3",
            ):
                current, indent = [], line[: len(line) - len(stripped)]
        elif stripped.startswith("```"):
            blocks.append("".join(current))
            current = None
        else:
            current.append((line[len(indent):] if line.startswith(indent) else line) + "\n")
    return blocks


def main():
    path = sys.argv[1]
    name = path.rsplit("/", 1)[-1]
    with open(path, encoding="utf-8") as f:
        blocks = python_blocks(f.read())
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    for number, code in enumerate(blocks, 1):
        sys.stdout.write(f"── block {number} ──\n")
        sys.stdout.flush()
        try:
            exec(compile(code, f"{name}:block{number}", "exec"), namespace)
        except BaseException:  # a lesson may show an error on purpose
            sys.stdout.flush()
            sys.stdout.write(traceback.format_exc())
        sys.stdout.flush()


if __name__ == "__main__":
    main()
