"""quizapp: classroom quizzes generated from an article."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import config
from .commands import generate_command
from .database import init_database
from .errors import register_error_pages
from .extensions import csrf, db, limiter, login_manager, migrate
from .generation.types import KINDS as GENERATED_KINDS
from .host import bp as host_bp
from .kinds import KIND_LABELS, REGISTRY, QuestionData, get_kind
from .live_poll import UnchangedPolls
from .live_push import init_push
from .paths import MIGRATIONS_DIR, STATIC_DIR, TEMPLATES_DIR
from .play import bp as play_bp
from .play.live import shared_stage
from .public.views import bp as public_bp
from .reading import readable
from .scoring import ordinal
from .security import init_security
from .setup import prepare_database
from .teacher import bp as teacher_bp


def create_app(
    test_config: Mapping[str, Any] | None = None, instance_path: str | None = None
) -> Flask:
    """Build the app: defaults, the instance folder, the environment, then ``test_config``.

    The instance folder (database, generated secret key) is ``instance_path``, else
    ``QUIZAPP_INSTANCE_PATH``, else Flask's default beside the package.

    Unless ``AUTO_SETUP_DATABASE`` is off, the schema is brought up to date and the built-in article
    loaded, so that a fresh install serves questions on its first page.
    """
    app = Flask(
        __name__,
        instance_path=absolute_or_none(instance_path or os.environ.get("QUIZAPP_INSTANCE_PATH")),
        instance_relative_config=True,
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR),
    )
    app.config.from_object(config.Defaults)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = config.sqlite_url(app.instance_path)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(config.from_environment())
    if test_config is not None:
        app.config.update(test_config)
    config.ensure_secret_key(app.config, app.instance_path)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        **config.pool_options(app.config),
    }

    # The generator declares the kinds it makes; each must be registered, or nothing starts.
    REGISTRY.require(GENERATED_KINDS, "The question generator")
    register_extensions(app)
    init_security(app)
    app.jinja_env.globals["kind_labels"] = KIND_LABELS
    app.jinja_env.globals["get_kind"] = get_kind
    app.jinja_env.globals["question_data"] = QuestionData.of
    app.jinja_env.filters["ordinal"] = ordinal
    app.jinja_env.filters["readable"] = readable
    register_blueprints(app)
    register_error_pages(app)  # after the blueprints: app-wide pages win
    with app.app_context():
        app.wsgi_app = UnchangedPolls(  # type: ignore[method-assign]
            app.wsgi_app, db.engine, str(app.config["SECRET_KEY"])
        )
        init_push(app, db.engine, shared_stage)
    register_cli(app)
    if app.config.get("AUTO_SETUP_DATABASE", True):
        prepare_database(app)
    return app


def absolute_or_none(path: str | None) -> str | None:
    """Flask insists on an absolute instance path."""
    return os.path.abspath(path) if path else None


def register_extensions(app: Flask) -> None:
    """Bind the extensions made in ``extensions.py``."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    init_database(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per audience."""
    app.register_blueprint(public_bp)
    app.register_blueprint(teacher_bp)
    app.register_blueprint(play_bp)
    app.register_blueprint(host_bp)


def register_cli(app: Flask) -> None:
    """Commands available as ``quizapp <command>`` and ``flask --app quizapp <command>``."""
    from .commands import backup_command, close_idle_command, restore_command
    from .transfer_commands import export_command, import_command

    app.cli.add_command(generate_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(close_idle_command)
    app.cli.add_command(export_command)
    app.cli.add_command(import_command)
