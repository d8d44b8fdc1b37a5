"""Prediction-only forward passes for two thinc layers of spaCy's token encoders.

thinc's `maxout` and `layernorm` layers compute what training needs as well as the
output: maxout records which piece won at every unit (thinc's C loop, with a branch per
value), layer norm computes each row's mean twice and its differences from the mean twice.
The small English model's two token encoders (the tagger/parser one and the NER's own)
run five of each over every token. `use_prediction_forwards(nlp)` swaps in forward
functions that skip that work and compute the same floats: the same numpy operations in
the same order (a maximum is exact), so the Docs are bitwise the same
(`tests/test_nlp.py`). Training goes through thinc's own functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from thinc.layers import layernorm, maxout
from thinc.model import Model


def maxout_forward(model: Model, X: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's maxout: affine map to `nO * nP` values, the largest of each unit's `nP`."""
    if is_train:
        return maxout.forward(model, X, is_train)
    nO, nP, nI = (model.get_dim(name) for name in ("nO", "nP", "nI"))
    W = model.ops.reshape2f(model.get_param("W"), nO * nP, nI)
    Y = model.ops.gemm(X, W, trans2=True)
    Y += model.ops.reshape1f(model.get_param("b"), nO * nP)
    Z = model.ops.reshape3f(Y, Y.shape[0], nO, nP)
    best = model.ops.xp.ascontiguousarray(Z[:, :, 0])
    for piece in range(1, nP):
        model.ops.xp.maximum(best, Z[:, :, piece], out=best)
    return best, _no_backprop


def layernorm_forward(model: Model, X: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's layer norm: `(X - mean) / sqrt(var + 1e-8) * G + b` per row, with the
    mean and the differences computed once (`numpy.var` repeats both)."""
    if is_train:
        return layernorm.forward(model, X, is_train)
    diff = X - X.mean(axis=1, keepdims=True)
    var = (diff * diff).sum(axis=1, keepdims=True) / X.shape[1] + 1e-08
    diff *= var ** (-1.0 / 2.0)
    diff *= model.get_param("G")
    diff += model.get_param("b")
    return diff, _no_backprop


def _no_backprop(dY: Any) -> Any:
    raise NotImplementedError("prediction-only forward pass: no gradient")


PREDICTION_FORWARDS = {maxout.forward: maxout_forward, layernorm.forward: layernorm_forward}


def use_prediction_forwards(nlp: Language) -> int:
    """Give every maxout and layer-norm layer of `nlp`'s models the prediction-only
    forward pass; the number of layers changed."""
    models = (getattr(component, "model", None) for _, component in nlp.pipeline)
    return sum(swap_forwards(model) for model in models if isinstance(model, Model))


def swap_forwards(model: Model) -> int:
    """`use_prediction_forwards` for one thinc model and the layers inside it."""
    changed = 0
    for node in model.walk():
        faster = PREDICTION_FORWARDS.get(node._func)
        if faster is not None:
            node._func = faster
            changed += 1
    return changed
