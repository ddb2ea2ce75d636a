"""A check the store tests share: the default graph is the union of the named graphs, and
besides it only the statements of articles' own nodes (each of an article still there) and of
the merged graph's nodes."""

from pyoxigraph import DefaultGraph, NamedNode, Store

from kg import vocab

DERIVED = NamedNode(vocab.PROV + "wasDerivedFrom")


def union_mismatch(store: Store) -> tuple[set[str], set[str]]:
    """(triples the default graph lacks, triples it has that no named graph states and that are
    no own node's of an article in the store): both empty when the default graph is what
    ``EmbeddedStore`` keeps."""
    default = {q.triple for q in store.quads_for_pattern(None, None, None, DefaultGraph())}
    graphs = set(store.named_graphs())
    named = {
        str(q.triple) for graph in graphs for q in store.quads_for_pattern(None, None, None, graph)
    }
    articles_own = {
        t.subject
        for t in default
        if t.predicate == DERIVED
        and t.subject.value.startswith(vocab.OWN_NODE_BASES)
        and t.object in graphs
    }
    extra = {
        str(t)
        for t in default
        if t.subject not in articles_own and not t.subject.value.startswith(vocab.MERGED_NODE_BASES)
    } - named
    return named - {str(t) for t in default}, extra
