"""HTTP API: FastAPI routers per area, assembled in `app.create_app`."""
