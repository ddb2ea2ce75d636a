"""A check the store tests share: the default graph is exactly the union of the named graphs."""

from pyoxigraph import DefaultGraph, Store


def union_mismatch(store: Store) -> tuple[set[str], set[str]]:
    """(triples the default graph lacks, triples it has that no named graph states): both empty
    when the default graph is the union of the named graphs, as ``EmbeddedStore`` keeps it."""
    default = {str(q.triple) for q in store.quads_for_pattern(None, None, None, DefaultGraph())}
    named = {
        str(q.triple)
        for graph in store.named_graphs()
        for q in store.quads_for_pattern(None, None, None, graph)
    }
    return named - default, default - named
