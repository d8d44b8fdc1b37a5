"""The taxonomy is data: every ACLED event type, valid CAMEO roots, human labels."""

from __future__ import annotations

from geo.events.taxonomy import ACLED_TYPES, CAMEO_ROOTS, KINDS, trigger_lemmas, validate


def test_taxonomy_is_consistent() -> None:
    assert validate() == []


def test_every_acled_event_type_is_covered() -> None:
    assert {k.event_type for k in KINDS} == set(ACLED_TYPES)


def test_required_sub_event_types_are_covered() -> None:
    subs = {(k.event_type, k.sub_event_type) for k in KINDS}
    for pair in [
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Strategic developments", "Arrests"),
        ("Strategic developments", "Agreement"),
        ("Strategic developments", "Headquarters or base established"),
        ("Strategic developments", "Other"),
        ("Battles", "Armed clash"),
        ("Violence against civilians", "Attack"),
        ("Protests", "Peaceful protest"),
        ("Riots", "Violent demonstration"),
    ]:
        assert pair in subs


def test_cameo_roots_from_statement_to_mass_violence() -> None:
    roots = {k.cameo for k in KINDS}
    assert {"01", "12", "14", "15", "18", "19", "20"} <= roots
    assert roots <= set(CAMEO_ROOTS)


def test_human_labels() -> None:
    labels = {k.label for k in KINDS}
    for label in (
        "naval deployment",
        "boat strike",
        "protest",
        "statement",
        "letter",
        "rejection of talks",
        "arrests",
        "flight into exile",
        "militia mobilisation",
    ):
        assert label in labels


def test_keys_are_unique_and_verbal_kinds_are_statements() -> None:
    keys = [k.key for k in KINDS]
    assert len(keys) == len(set(keys))
    assert all(k.cameo < "14" for k in KINDS if k.verbal)


def test_trigger_lemmas_are_lower_case() -> None:
    assert all(word == word.lower() for word in trigger_lemmas())
