"""postlint: lint draft social-media posts against an organisation's social media protocol."""

__version__ = "0.1.0"
