"""Prediction-only forwards of thinc's maxout and layer norm: the same floats, bit for bit."""

from __future__ import annotations

import numpy
from thinc.api import LayerNorm, Maxout, Model, chain, use_ops

from geo.inference import swap_forwards, use_prediction_forwards
from geo.nlp import load_nlp


def encoder_block() -> tuple[Model, numpy.ndarray]:
    """Maxout (3 pieces) then layer norm, as in spaCy's token encoder, with random weights
    and inputs whose rows differ in scale (the case layer norm is for)."""
    rng = numpy.random.default_rng(7)
    X = (rng.standard_normal((500, 64)) * rng.uniform(0.1, 50, (500, 1))).astype("float32")
    with use_ops("numpy", use_blis=False):
        model = chain(Maxout(48, 64, nP=3, normalize=False), LayerNorm(48))
    model.initialize(X=X)
    for node in model.walk():
        for name in node.param_names:
            node.set_param(name, rng.standard_normal(node.get_param(name).shape).astype("f"))
    return model, X


def test_maxout_and_layernorm_predict_the_same_floats() -> None:
    model, X = encoder_block()
    expected = model.predict(X)
    assert swap_forwards(model) == 2
    assert numpy.array_equal(model.predict(X), expected)


def test_training_still_goes_through_thinc() -> None:
    model, X = encoder_block()
    Y, backprop = model.begin_update(X)
    expected_grad = backprop(numpy.ones_like(Y))
    model, X = encoder_block()
    swap_forwards(model)
    Y2, backprop2 = model.begin_update(X)
    assert numpy.array_equal(Y2, Y)
    assert numpy.array_equal(backprop2(numpy.ones_like(Y2)), expected_grad)


def test_the_loaded_pipeline_uses_them_in_both_token_encoders() -> None:
    nlp = load_nlp()
    assert use_prediction_forwards(nlp) == 0  # already in place
    models = [c.model for _, c in nlp.pipeline if isinstance(getattr(c, "model", None), Model)]
    ours = [n for m in models for n in m.walk() if n._func.__module__ == "geo.inference"]
    assert len(ours) == 20  # 5 maxout + 5 layer norms in each of the two token encoders
