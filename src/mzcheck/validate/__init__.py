"""Curated figure data: pandera schemas, declarative rules, text ↔ data checks."""
