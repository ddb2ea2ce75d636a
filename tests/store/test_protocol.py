"""Both kinds of store keep the contract a new one implements."""

import inspect

import pytest

from kg.store.embedded import EmbeddedStore
from kg.store.protocol import Store
from kg.store.remote import RemoteStore


@pytest.mark.parametrize("cls", [EmbeddedStore, RemoteStore])
def test_each_store_has_the_protocols_methods_with_its_parameters(cls):
    for name in ("query", "replace_graph"):
        wanted = list(inspect.signature(getattr(Store, name)).parameters)
        assert list(inspect.signature(getattr(cls, name)).parameters) == wanted, (cls, name)


def test_an_embedded_store_is_a_store(tmp_path):
    assert isinstance(EmbeddedStore(tmp_path / "store"), Store)


def test_a_remote_store_is_a_store():
    assert isinstance(RemoteStore("http://127.0.0.1:9/sparql"), Store)  # nothing is contacted
