"""The built-in rule packs (YAML). Shipped inside the wheel as postlint.builtin_rules."""
