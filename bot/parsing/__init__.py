"""Understanding traders' messages: text → spec → core request.

- ``normalize``: NFKC, limits, numbers (万/千/w/k, grouping, bounded exponents, cn2an lazily).
- ``parser``: builds the Lark LALR parsers for ``grammar/command.lark`` and
  ``grammar/terms.lark`` once per process (``get_parser()``; ``build_parser("earley")`` for
  the benchmark), with a keyword post-lexer.
- ``transformer`` + ``assemble``: clauses → items → ``spec.MessageSpec`` / ``spec.TermQuery``.
- ``errors``: Lark errors → ``UserFacingError`` (error kinds via ``match_examples``).
- ``resolve`` (with ``context``, ``legs``, ``plans_futures``, ``plans_more``): spec + contract
  table + chat defaults → ``Plan`` (a core request, the 我理解为 line, notes, the mirror text).
- ``dispatch``: ``Plan`` → core → formatters → ``Reply``.

``bot.pipeline.answer`` ties them together.
"""
