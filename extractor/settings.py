"""The one settings object, read from the environment (and a ``.env`` file) once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXTRACTOR_", env_file=".env", extra="ignore")

    cache_dir: Path = Field(default=Path.home() / ".cache" / "evidence-extractor",
                            description="Where the compiled lexicons are cached between runs.")
    use_dictionaries: bool = Field(default=True, description="Use the drug and disease dictionary packages.")
    model_path: Path | None = Field(default=None, description="Optional statistical tagger folder.")
    database_url: str = Field(default="sqlite:///./evidence.db",
                              validation_alias=AliasChoices("DATABASE_URL", "EXTRACTOR_DATABASE_URL"))
    max_text_chars: int = Field(default=200_000, description="Longest text the API accepts (413 above).")
    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
