"""The curation service: FastAPI app, SQLAlchemy store and the curation page."""
