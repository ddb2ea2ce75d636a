"""Event relations (visited, thanked, ...) from cue phrases: each cue is read by the construction
its voice and verb form call for, with the parties' parts read from their cases.

``events.CONSTRUCTIONS`` is the one table from a cue's voice and verb form to its construction;
the constructions are in ``verbs`` and ``nouns``, on the ``clause`` model, stating ``facts``."""
