"""The two Whisper engines behind one call: samples in, Transcript out.

* ``faster-whisper`` (CTranslate2): the default. About 4x faster than
  openai-whisper on a CPU, a third of its memory, and no PyTorch to install.
* ``openai-whisper`` (PyTorch): the reference implementation.

Both get 16 kHz mono float32 samples decoded by ``repackage.render.video``
(so neither shells out to ffmpeg), run on the CPU with word timestamps,
and never download anything: the model comes from ``locate.locate_model``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from ..errors import SpeechError
from .models import Segment, Transcript, Word

SAMPLE_RATE = 16000

#: progress(seconds_done, seconds_total)
ProgressFn = Callable[[float, float], None]

_LOCK = threading.Lock()


def default_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _missing(engine: str, exc: ImportError) -> SpeechError:
    if engine == "faster-whisper":
        how = "pip install 'faster-whisper>=1.1'  (or bash scripts/setup --speech)"
    else:
        how = ("pip install torch==2.13.0 numba tiktoken more-itertools tqdm && "
               "pip install --no-deps openai-whisper==20250625  (or bash scripts/setup --speech)")
    return SpeechError(f"the {engine} speech engine is not installed ({exc.name or exc}): {how}")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _merge_elisions(words: Sequence[Word]) -> list[Word]:
    """Whisper splits ``L'automne`` into ``L`` + ``'automne``: one word again,
    from the first's start to the second's end, with the lower confidence."""
    out: list[Word] = []
    for w in words:
        if out and w.text[:1] in ("'", "’") and out[-1].text[-1:].isalpha():
            prev = out[-1]
            out[-1] = Word(prev.text + w.text, prev.start, w.end, min(prev.probability, w.probability))
        else:
            out.append(w)
    return out


def _segment(text: str, start: float, end: float, words: Sequence[Word]) -> Segment:
    return Segment(text=_clean(text), start=float(start), end=float(end), words=tuple(_merge_elisions(words)))


# --------------------------------------------------------------------------- faster-whisper


class FasterWhisper:
    name = "faster-whisper"

    def __init__(self, model_path: Path, threads: int, compute_type: str = "int8"):
        # Never reach for a hub: the model is a local folder, and a tokenizer
        # missing from it must fail, not download.
        os.environ["HF_HUB_OFFLINE"] = "1"
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise _missing(self.name, exc) from None
        try:
            self.model = WhisperModel(str(model_path), device="cpu", compute_type=compute_type,
                                      cpu_threads=threads, local_files_only=True)
        except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError with a message
            raise SpeechError(f"faster-whisper cannot load the model: {str(exc).strip().splitlines()[0]}",
                              str(model_path)) from None
        self.model_path = model_path

    def transcribe(self, samples: np.ndarray, lang: str | None, progress: ProgressFn | None) -> Transcript:
        duration = len(samples) / SAMPLE_RATE
        segments_iter, info = self.model.transcribe(samples, language=lang, word_timestamps=True,
                                                    beam_size=5, vad_filter=False)
        segments = []
        for s in segments_iter:  # a generator: decoding happens as we iterate
            words = [Word(_clean(w.word), float(w.start), float(w.end), float(w.probability))
                     for w in (s.words or []) if _clean(w.word)]
            segments.append(_segment(s.text, s.start, s.end, words))
            if progress:
                progress(min(float(s.end), duration), duration)
        return Transcript(language=info.language, duration=duration, segments=tuple(segments),
                          engine=self.name, model=str(self.model_path))


# --------------------------------------------------------------------------- openai-whisper


def alignment_heads_file(checkpoint: Path) -> Path:
    """The sidecar of a converted checkpoint: ``base.pt`` -> ``base.json``."""
    return checkpoint.with_suffix(".json")


class OpenAIWhisper:
    name = "openai-whisper"

    def __init__(self, model_path: Path, threads: int):
        try:
            import torch
            import whisper
        except ImportError as exc:
            raise _missing(self.name, exc) from None
        torch.set_num_threads(threads)
        try:
            # A path, never a name: load_model would download a name.
            model = whisper.load_model(str(model_path.resolve()), device="cpu")
        except Exception as exc:
            raise SpeechError(f"openai-whisper cannot load the checkpoint: {str(exc).strip().splitlines()[0][:300]}",
                              str(model_path)) from None
        self._set_alignment_heads(model, model_path, torch, whisper)
        self.model = model
        self.model_path = model_path

    @staticmethod
    def _set_alignment_heads(model, path: Path, torch, whisper) -> None:
        """The cross-attention heads that follow time (word timestamps).

        ``load_model(path)`` does not know them: they come from the
        checkpoint's sidecar (written by scripts/prepare-asr-model from the
        model's own config) or from whisper's table for an official file
        (``~/.cache/whisper/base.pt``); otherwise whisper's default, all heads
        of the upper half of the decoder, stays.
        """
        sidecar = alignment_heads_file(path)
        dims = model.dims
        if sidecar.is_file():
            heads = json.loads(sidecar.read_text(encoding="utf-8")).get("alignment_heads")
            if heads:
                mask = torch.zeros(dims.n_text_layer, dims.n_text_head, dtype=torch.bool)
                for layer, head in heads:
                    mask[layer, head] = True
                model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
                return
        table = getattr(whisper, "_ALIGNMENT_HEADS", {})
        if path.stem in table:
            with contextlib.suppress(Exception):  # a file named like an official model that is not one
                model.set_alignment_heads(table[path.stem])

    @contextlib.contextmanager
    def _progress(self, progress: ProgressFn | None, duration: float) -> Iterator[None]:
        """Route whisper's tqdm bar (counted in mel frames, 100 a second) to ``progress``."""
        import importlib

        # the module, not the function whisper/__init__ re-exports under the same name
        wt = importlib.import_module("whisper.transcribe")
        if progress is None:
            yield
            return

        class Bar:
            def __init__(self, total=None, **kwargs):
                self.total, self.n = total or 1, 0

            def update(self, n=1):
                self.n += n
                progress(min(duration, duration * self.n / self.total), duration)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

        original = wt.tqdm
        wt.tqdm = type("tqdm_shim", (), {"tqdm": Bar})
        try:
            yield
        finally:
            wt.tqdm = original

    def transcribe(self, samples: np.ndarray, lang: str | None, progress: ProgressFn | None) -> Transcript:
        import whisper

        duration = len(samples) / SAMPLE_RATE
        with self._progress(progress, duration):
            result = whisper.transcribe(self.model, samples, language=lang, word_timestamps=True, fp16=False,
                                        verbose=None if progress is None else False)
        segments = []
        for s in result.get("segments", []):
            words = [Word(_clean(w["word"]), float(w["start"]), float(w["end"]), float(w.get("probability", 0.0)))
                     for w in s.get("words", []) if _clean(w["word"])]
            segments.append(_segment(s["text"], s["start"], s["end"], words))
        return Transcript(language=result.get("language") or (lang or ""), duration=duration,
                          segments=tuple(segments), engine=self.name, model=str(self.model_path))


@functools.lru_cache(maxsize=2)
def load_engine(engine: str, model_path: Path, threads: int):
    """The engine with its model loaded (kept for later calls in the process)."""
    with _LOCK:
        if engine == "faster-whisper":
            return FasterWhisper(model_path, threads)
        return OpenAIWhisper(model_path, threads)
