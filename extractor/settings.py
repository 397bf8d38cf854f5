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
    rules_only: bool = Field(default=False, description="Leave the learned components (trained weights) out.")
    learned_spans: bool = Field(default=False, description="Add the learned OUTCOME/INTERVENTION span model "
                                "(slower; see the README's 'Learned spans').")
    spans_model: Path | None = Field(default=None, description="A span model folder from `extractor train spans "
                                     "--output DIR` for the learned span component (default: the shipped weights).")
    merge_learned_outcomes: bool = Field(default=False, description="With learned_spans: add the model's OUTCOME "
                                         "spans to the entities where they overlap none (source \"model\").")
    database_url: str = Field(default="sqlite:///./evidence.db",
                              validation_alias=AliasChoices("DATABASE_URL", "EXTRACTOR_DATABASE_URL"))
    max_text_chars: int = Field(default=200_000, description="Longest text the API accepts (413 above).")
    extraction_budget_s: float = Field(default=30.0, gt=0,
                                       description="Seconds one API extraction may run; then its worker is stopped (503).")
    extraction_workers: int | None = Field(default=None, ge=1,
                                           description="Worker processes that run API extractions (default: one per CPU).")
    extraction_queue: int = Field(default=32, ge=0,
                                  description="API extractions that may wait for a free worker; more get 503.")
    rate_limit_ip: str = Field(default="600/minute",
                               description="Extract and write requests one client address may send (empty: no limit).")
    rate_limit_key: str = Field(default="1200/minute",
                                description="Write requests one API key may send (empty: no limit).")
    upload_inline_documents: int = Field(default=3, ge=0, description="Uploads of at most this many documents are "
                                         "stored before POST /uploads answers; larger ones run as a job (202).")
    max_upload_bytes: int = Field(default=20_000_000, ge=1, description="Largest upload POST /uploads accepts (413 above).")
    max_upload_documents: int = Field(default=10_000, ge=1, description="Most documents one upload may hold (413 above).")
    job_lease_s: float = Field(default=120.0, gt=0, description="How long a service process holds a running job "
                               "without news; past it, a job whose process stopped is taken up again.")
    job_poll_s: float = Field(default=2.0, gt=0, description="How often the job runner looks for work in the store.")
    job_item_attempts: int = Field(default=3, ge=1, description="Starts of one document's extraction, across "
                                   "service restarts, before it counts as failed.")
    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
