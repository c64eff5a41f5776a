"""Typed errors. The library raises these; only ``repackage.cli`` turns them into
messages and exit codes (0 ok, 1 some outputs failed, 2 bad input or usage)."""

from __future__ import annotations


class RepackageError(Exception):
    """Base of every error the library raises on purpose.

    ``path`` names the file concerned (when there is one) so the message a
    user sees starts with it: ``article.txt: file is empty``.
    """

    exit_code = 2

    def __init__(self, message: str, path: str | None = None):
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class ArticleError(RepackageError):
    """The input article cannot be read or holds no story."""


class ConfigError(RepackageError):
    """repackage.toml or a command-line option is wrong."""


class TemplateError(RepackageError):
    """A template or brand file is invalid. ``problems`` lists every error."""

    def __init__(self, message: str, path: str | None = None, problems: list[str] | None = None):
        super().__init__(message, path)
        self.problems = list(problems or [])

    def __str__(self) -> str:
        if self.problems:
            return "\n".join(self.problems)
        return super().__str__()


class MediaError(RepackageError):
    """A photo, music or footage file given by the user is unusable."""


class FaithfulnessError(RepackageError):
    """The Story says something its article does not: a bug, never shipped."""

    exit_code = 1


class RenderError(RepackageError):
    """Writing an output failed (disk, ffmpeg, ...)."""

    exit_code = 1


class FaultError(RenderError):
    """The machine failed the run, not the input: the disk is full, a helper
    process (ffmpeg) was killed. The run stops, nothing is changed on disk
    (a previous output stays as it was), exit code 1; running again once the
    fault is gone succeeds."""


class SpeechError(RepackageError):
    """A speech engine or its model is missing, or transcription failed.

    The message says what to install or where to put the model files.
    """
