"""The benchmark suite run by ``make bench`` (scripts/bench.py): pipeline runs in temporary
folders (:mod:`.common`), the synthetic size sweep with the embedding floor and growth
(:mod:`.sizes`), and the comparison with a plain BERTopic script (:mod:`.plain`)."""
