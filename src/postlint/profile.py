"""The organisation profile: names, handles and vocabulary that rules about
the organisation itself read. The default is the protocol's organisation;
a config's `organisation:` mapping overrides it key by key."""

from __future__ import annotations

from typing import Any, Mapping

from .yamlio import shipped

PROFILE_KEYS = ("name", "short_name", "names", "handles", "variants", "variant_patterns", "former_names", "topic_words", "acronyms")


def default_profile() -> dict[str, Any]:
    return dict(shipped("organisation.yaml"))


def load_profile(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The default profile with `overrides` replacing whole keys (validated by the config loader)."""
    profile = default_profile()
    if overrides:
        # The default's name patterns belong with its variants: an organisation that gives
        # its own variants keeps none of ours unless it gives its own patterns too.
        if "variants" in overrides and "variant_patterns" not in overrides:
            profile.pop("variant_patterns", None)
        profile.update(overrides)
    return profile
