"""MZ3xx: relations stated in the prose, recomputed with interval arithmetic.

One module per family of relation, each with its finders and rules: ``shares`` (shares,
GRIM, structure ratios), ``parts`` (where parts and totals are found; ``partitions`` for
parts named across a passage) and ``sums`` (judging them), ``growth`` (rates, changes,
由A至B), ``points`` (个百分点), ``averages`` (averages and amounts), ``rates`` (rates per head
of population, of days, income ratios), ``mentions`` (repeated mentions), ``counts`` (items
announced and numbered), ``mirrors`` (a table row against the prose it repeats), ``prices``
(rates at current and at comparable prices), ``differences`` (balances: 差额, 顺差),
``targets`` (a target against the level reached), ``composite`` (a total's growth from its
parts'), ``ratios`` (ratios statistics define, rates between their groups'). ``finders``
holds the finders several families read, ``common`` the shared helpers. A new family is
one new module, listed here (its import registers its rules).
Every relation evaluated is an outcome, passes included; how prose states relations
and the traps: docs/architecture.md.
"""

from mzcheck.rules.relations import (  # noqa: F401  (registration)
    averages, composite, counts, differences, growth, mentions, mirrors, points, prices, rates, ratios, shares, sums,
    targets,
)
