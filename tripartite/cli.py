"""The `tripartite` command: analyze survey data, serve the platform, run management tasks."""

from __future__ import annotations

import os
import sys

USAGE = """usage: tripartite COMMAND [ARGS]

commands:
  analyze ...     survey statistics without a database (tripartite analyze --help)
  serve (or run)  migrate, load the demo into an empty database, and serve with gunicorn
  load-demo       load the demonstration data (only into an empty register)
  deadlines DATE  the statutory deadlines that an event on DATE starts (tripartite deadlines --help)
  remind          e-mail reminders of collective-dispute and consultation deadlines due soon (safe to repeat from cron)
  backup FILE     one archive of the database and the uploaded files, with a manifest and checksums
  restore FILE    restore a backup into an empty installation (verified first; a damaged archive changes nothing)
  audit-check     prove that no row of the audit trail was removed or changed (non-zero exit status if one was)
  audit-export    the audit trail of a date range as CSV or JSON (tripartite audit-export --help)
  surveys export-parquet CAMPAIGN DIR
                  a campaign's answers as partitioned Parquet, to count on Spark (docs/scale.md)
  clauses train   retrain the clause-topic model of agreement coding; prints cross-validated accuracy
  manage ...      any Django management command (migrate, createsuperuser, ...)
"""


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tripartite.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "analyze":
        from tripartite.analysis.cli import main as analyze_main

        return analyze_main(rest)
    if command == "run":
        command = "serve"
    if command in ("deadlines", "remind", "backup", "restore", "audit-check", "audit-export", "clauses"):
        _django()
        from django.core.management import call_command
        from django.core.management.base import CommandError

        try:
            call_command(command.replace("-", "_"), *rest)
        except CommandError as error:
            print(f"tripartite {command}: {error}", file=sys.stderr)
            return 2
        return 0
    if command == "surveys":
        surveys_commands = {"export-parquet": "export_parquet"}
        if not rest or rest[0] not in surveys_commands:
            print(f"usage: tripartite surveys {{{','.join(surveys_commands)}}} ...", file=sys.stderr)
            return 2
        _django()
        from django.core.management import call_command
        from django.core.management.base import CommandError

        try:
            call_command(surveys_commands[rest[0]], *rest[1:])
        except CommandError as error:
            print(f"tripartite surveys {rest[0]}: {error}", file=sys.stderr)
            return 2
        return 0
    if command in ("manage", "load-demo", "serve"):
        _django()
        from django.core.management import execute_from_command_line

        if command == "manage":
            execute_from_command_line(["tripartite manage", *rest])
        elif command == "load-demo":
            execute_from_command_line(["tripartite manage", "load_demo", *rest])
        else:
            execute_from_command_line(["tripartite manage", "serve", *rest])
        return 0
    print(f"tripartite: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
