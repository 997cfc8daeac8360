"""`tripartite clauses train`: retrain the clause-topic model and print its cross-validated accuracy."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tripartite.agreements.coding import model


class Command(BaseCommand):
    help = ("train: retrain the clause-topic classifier from the pack's seed corpus and every coded clause, "
            "print the cross-validated accuracy per topic and language, and make the new model current.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["train"])

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = model.train()
        except model.TrainingError as error:
            raise CommandError(str(error)) from error
        out = self.stdout
        out.write(f"model {report.version}: {report.examples} examples, cross-validated accuracy "
                  f"{report.accuracy:.1%} ({model.FOLDS} folds)")
        out.write("topic                 accuracy  examples")
        for topic, (accuracy, count) in report.by_topic.items():
            out.write(f"{topic:<20}  {accuracy:>8.1%}  {count:>8}")
        out.write("language              accuracy  examples")
        for lang, (accuracy, count) in report.by_language.items():
            out.write(f"{lang:<20}  {accuracy:>8.1%}  {count:>8}")
