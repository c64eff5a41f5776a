"""CTranslate2 Whisper model -> openai-whisper checkpoint, with numpy.

faster-whisper's model folder (``model.bin`` + ``config.json``) holds the
same weights openai-whisper uses, in CTranslate2's binary format (version
6): a header, then for each variable its name, shape, dtype and raw bytes,
then aliases. Converting back is renaming, plus splitting the fused
attention matrices: self-attention's ``linear_0`` is query, key and value
stacked, cross-attention's ``linear_1`` key and value; the key projection has
no bias in Whisper (CTranslate2 stores zeros). ``scripts/prepare-asr-model``
uses this to give the openai-whisper engine the weights faster-whisper loads.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np

_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}


class ConversionError(ValueError):
    """The file is not a CTranslate2 Whisper model this converter knows."""


def read_ctranslate2(path: str | Path) -> dict[str, np.ndarray]:
    """The variables of a CTranslate2 ``model.bin`` (aliases resolved), by name."""
    data = Path(path).read_bytes()
    off = 0

    def unpack(fmt: str):
        nonlocal off
        value = struct.unpack_from("<" + fmt, data, off)[0]
        off += struct.calcsize("<" + fmt)
        return value

    def string() -> str:
        nonlocal off
        n = unpack("H")
        text = data[off:off + n - 1].decode("utf-8")
        off += n
        return text

    try:
        version = unpack("I")
        if version not in (5, 6):
            raise ConversionError(f"CTranslate2 binary version {version} is not supported (5 or 6)")
        spec = string()
        if spec != "WhisperSpec":
            raise ConversionError(f"not a Whisper model ({spec})")
        unpack("I")  # spec revision
        out: dict[str, np.ndarray] = {}
        for _ in range(unpack("I")):
            name = string()
            shape = [unpack("I") for _ in range(unpack("B"))]
            dtype = _DTYPES.get(unpack("B"))
            nbytes = unpack("I")
            if dtype is None:
                raise ConversionError(f"{name}: unsupported dtype")
            out[name] = np.frombuffer(data, dtype, nbytes // np.dtype(dtype).itemsize, off).reshape(shape)
            off += nbytes
        if off < len(data):
            for _ in range(unpack("I")):
                alias, target = string(), string()
                out[alias] = out[target]
    except struct.error:
        raise ConversionError("file is truncated") from None
    return out


def _ln(sd: dict, dst: str, v: dict, src: str) -> None:
    sd[f"{dst}.weight"] = v[f"{src}/gamma"]
    sd[f"{dst}.bias"] = v[f"{src}/beta"]


def _linear(sd: dict, dst: str, v: dict, src: str, bias: bool = True) -> None:
    sd[f"{dst}.weight"] = v[f"{src}/weight"]
    if bias:
        sd[f"{dst}.bias"] = v[f"{src}/bias"]


def _split(v: dict, src: str, parts: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    return np.split(v[f"{src}/weight"], parts, axis=0), np.split(v[f"{src}/bias"], parts, axis=0)


def _attention(sd: dict, dst: str, v: dict, src: str, cross: bool) -> None:
    if cross:
        sd[f"{dst}.query.weight"], sd[f"{dst}.query.bias"] = v[f"{src}/linear_0/weight"], v[f"{src}/linear_0/bias"]
        (kw, vw), (kb, vb) = _split(v, f"{src}/linear_1", 2)
        out = f"{src}/linear_2"
    else:
        (qw, kw, vw), (qb, kb, vb) = _split(v, f"{src}/linear_0", 3)
        sd[f"{dst}.query.weight"], sd[f"{dst}.query.bias"] = qw, qb
        out = f"{src}/linear_1"
    if np.any(kb):
        raise ConversionError(f"{src}: the key projection has a bias, which Whisper's has not")
    sd[f"{dst}.key.weight"] = kw
    sd[f"{dst}.value.weight"], sd[f"{dst}.value.bias"] = vw, vb
    _linear(sd, f"{dst}.out", v, out)


def _layers(v: dict, prefix: str) -> int:
    n = 0
    while f"{prefix}/layer_{n}/ffn/linear_0/weight" in v:
        n += 1
    return n


def whisper_checkpoint(model_dir: str | Path) -> tuple[dict, dict[str, np.ndarray], list[list[int]]]:
    """(dims, state dict as float16 numpy arrays, alignment heads) for openai-whisper."""
    model_dir = Path(model_dir)
    v = read_ctranslate2(model_dir / "model.bin")
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    n_audio_layer, n_text_layer = _layers(v, "encoder"), _layers(v, "decoder")
    n_vocab, n_text_state = v["decoder/embeddings/weight"].shape
    conv1 = v["encoder/conv1/weight"]
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(conv1.shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": n_audio_layer,
        "n_vocab": int(n_vocab),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(n_text_state),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": n_text_layer,
    }
    sd: dict[str, np.ndarray] = {}
    for conv in ("conv1", "conv2"):
        _linear(sd, f"encoder.{conv}", v, f"encoder/{conv}")
    sd["encoder.positional_embedding"] = v["encoder/position_encodings/encodings"]
    for i in range(n_audio_layer):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        _attention(sd, f"{dst}.attn", v, f"{src}/self_attention", cross=False)
        _ln(sd, f"{dst}.attn_ln", v, f"{src}/self_attention/layer_norm")
        _linear(sd, f"{dst}.mlp.0", v, f"{src}/ffn/linear_0")
        _linear(sd, f"{dst}.mlp.2", v, f"{src}/ffn/linear_1")
        _ln(sd, f"{dst}.mlp_ln", v, f"{src}/ffn/layer_norm")
    _ln(sd, "encoder.ln_post", v, "encoder/layer_norm")
    sd["decoder.token_embedding.weight"] = v["decoder/embeddings/weight"]
    sd["decoder.positional_embedding"] = v["decoder/position_encodings/encodings"]
    for i in range(n_text_layer):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        _attention(sd, f"{dst}.attn", v, f"{src}/self_attention", cross=False)
        _ln(sd, f"{dst}.attn_ln", v, f"{src}/self_attention/layer_norm")
        _attention(sd, f"{dst}.cross_attn", v, f"{src}/attention", cross=True)
        _ln(sd, f"{dst}.cross_attn_ln", v, f"{src}/attention/layer_norm")
        _linear(sd, f"{dst}.mlp.0", v, f"{src}/ffn/linear_0")
        _linear(sd, f"{dst}.mlp.2", v, f"{src}/ffn/linear_1")
        _ln(sd, f"{dst}.mlp_ln", v, f"{src}/ffn/layer_norm")
    _ln(sd, "decoder.ln", v, "decoder/layer_norm")
    sd = {k: np.ascontiguousarray(a.astype(np.float16)) for k, a in sd.items()}
    heads = [[int(a), int(b)] for a, b in config.get("alignment_heads", [])]
    return dims, sd, heads


def save_whisper_checkpoint(model_dir: str | Path, dest: str | Path) -> Path:
    """Write ``dest`` (``.pt``, what ``whisper.load_model(dest)`` reads) and its
    ``.json`` sidecar with the alignment heads. Needs torch (for its file format)."""
    import torch

    from ..fsutil import atomic_path, write_text

    model_dir, dest = Path(model_dir), Path(dest)
    dims, sd, heads = whisper_checkpoint(model_dir)
    state = {k: torch.from_numpy(a) for k, a in sd.items()}
    with atomic_path(dest) as tmp:
        torch.save({"dims": dims, "model_state_dict": state}, tmp)
    write_text(dest.with_suffix(".json"), json.dumps({"alignment_heads": heads, "source": str(model_dir.name)}) + "\n")
    return dest
