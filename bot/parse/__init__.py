"""Parse: a trader's text → a typed spec of what was typed (``MessageSpec``, ``TermQuery``).

Knows the grammar and nothing about contracts, chat settings, the core or formatting.

- ``normalize``: NFKC, limits, numbers (万/千/w/k, grouping, bounded exponents, cn2an lazily);
- ``parser``: the Lark LALR parsers of ``grammar/command.lark`` and ``grammar/terms.lark``;
- ``transformer``: grammar rules → typed clauses (``clauses``); ``assemble``: clauses → spec;
- ``spec``: the spec types; ``errors``: Lark errors → ``UserFacingError`` (``match_examples``).
"""
