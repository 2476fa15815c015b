"""Running the dashboard script under streamlit.testing for the app tests."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def run_app(**params) -> AppTest:
    """The app after its first run, with these URL query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def shown(at: AppTest) -> str:
    """The line that says how many events the view shows."""
    return next(m.value for m in at.markdown if m.value.startswith("**"))


def open_tab(at: AppTest, label: str) -> AppTest:
    """Switch to a tab (only the open tab's content runs)."""
    at.session_state["w_tab"] = label
    return at.run()


def rendered(markdown: str) -> str:
    """The text a Markdown value shows, its backslash escapes undone (CommonMark: a backslash
    before ASCII punctuation stands for that character)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def markup(markdown: str) -> list[str]:
    """The characters of a Markdown value that Markdown would read as markup (not escaped):
    brackets and parentheses of links and images, emphasis, code and math."""
    return re.findall(r"(?<!\\)(?:\\\\)*([\[\]()!*_`$<])", markdown)
