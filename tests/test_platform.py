"""Platform names on the command line and in packs, and the platform pack through the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from postlint.cli import app
from postlint.platforms import canonical, platform_key

runner = CliRunner()
LONG = "Flu vaccines are free for everyone aged 65 and over. " * 6


def test_aliases_and_case():
    assert canonical("Twitter") == "x" and canonical(" X ") == "x" and canonical("bsky") == "bluesky"
    assert platform_key("TWITTER") == "x" and platform_key("tiktok") == "tiktok" and platform_key(None) == ""
    with pytest.raises(ValueError, match="known: x, facebook"):
        canonical("myspace")


@pytest.fixture
def long_post(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text(LONG, encoding="utf-8")
    return p


def _rules(result):
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("name", ["x", "twitter", "X"])
def test_length_checked_for_x_and_its_alias(long_post, name):
    result = runner.invoke(app, ["check", "-f", "json", "--platform", name, str(long_post)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)["findings"]
    (f,) = [f for f in data if f["rule"] == "platform.x-length"]
    assert "317 characters" in f["message"] and "cut 37" in f["message"]
    # X stops after "Flu vaccines ar": the underline starts at the word it cuts
    assert f["column"] == 279 and f["match"].startswith("are free for everyone")


def test_length_not_checked_without_a_platform(long_post):
    result = runner.invoke(app, ["check", "-f", "json", str(long_post)])
    assert "platform.x-length" not in _rules(result)


def test_unknown_platform_is_a_usage_error(long_post):
    result = runner.invoke(app, ["check", "--platform", "myspace", str(long_post)])
    assert result.exit_code == 2
    assert "myspace" in result.stderr and "Traceback" not in result.output


def _length_pack(tmp_path, extra: str, examples: str):
    pack = tmp_path / "p.yaml"
    pack.write_text(f"""id: local
title: Local
description: A pack with a mistake.
source: Nowhere
rules:
  - id: long
    kind: length
    counting: utf16
    max: 10
{extra}    severity: warning
    message: "{{length}} is over {{max}}"
    explanation: Long posts are hard to read on small screens, so keep them short.
    source: Style guide
    examples: {examples}
""", encoding="utf-8")
    return pack


def test_pack_platform_names_are_validated(tmp_path, long_post):
    pack = _length_pack(tmp_path, "    platforms: [twiter]\n", '{flag: [{text: "a long post", platform: x}], pass: [s]}')
    result = runner.invoke(app, ["check", "--packs", str(pack), str(long_post)])
    assert result.exit_code == 2
    assert f"{pack}:10:" in result.stderr and "twiter" in result.stderr


def test_example_repeat_must_be_a_count(tmp_path, long_post):
    pack = _length_pack(tmp_path, "", '{flag: [{text: "abc", repeat: lots}], pass: [s]}')
    result = runner.invoke(app, ["check", "--packs", str(pack), str(long_post)])
    assert result.exit_code == 2 and "repeat" in result.stderr


def test_instagram_link_and_hashtags(tmp_path):
    p = tmp_path / "ig.txt"
    p.write_text("Book at https://www.nhs.uk/flu #A #B #C #D #E #F\n", encoding="utf-8")
    rules = _rules(runner.invoke(app, ["check", "-f", "json", "--platform", "instagram", str(p)]))
    assert "platform.instagram-link" in rules and "platform.instagram-hashtags" in rules
