"""Command line: python -m advisor <command>."""

import argparse
import sys
from pathlib import Path

from advisor import db, demo, importer, privacy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m advisor", description="Borgerrådgiverens dashboard: data og værktøjer.")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("demo", help="byg demodatabasen (syntetiske data, kalibreret til de offentliggjorte tal)")
    p.add_argument("--db", type=Path, default=db.DEMO_DB)

    p = commands.add_parser("init", help="opret en tom database til rigtige data")
    p.add_argument("--db", type=Path, required=True)

    p = commands.add_parser("import", help="importér borgerrådgiverens log (CSV eller XLSX)")
    p.add_argument("file", type=Path)
    p.add_argument("--db", type=Path, default=None, help="databasen (standard: $ADVISOR_DB)")
    p.add_argument("--sheet", help="arket i en XLSX-fil (standard: det første)")
    p.add_argument("--quarantine", action="store_true", help="importér de gyldige rækker og gem de ugyldige med årsager")

    p = commands.add_parser("undo", help="fortryd den nyeste import")
    p.add_argument("import_id", type=int)
    p.add_argument("--db", type=Path, default=None)

    commands.add_parser("key", help="lav en lokal nøgle til pseudonymer, hvis der ingen er")

    args = parser.parse_args(argv)
    if args.command == "demo":
        print(f"Demodatabase bygget: {demo.build(args.db)}")
    elif args.command == "init":
        if args.db.exists():
            print(f"Findes allerede: {args.db}", file=sys.stderr)
            return 1
        print(f"Tom database oprettet: {db.build(args.db, is_demo=False)}")
    elif args.command == "key":
        if privacy.ensure_local_key():
            print(f"Nøgle til pseudonymer oprettet i {privacy.SECRETS} (kun læsbar for ejeren).")
    elif args.command in ("import", "undo"):
        database = args.db or db.default_path()
        try:
            if args.command == "undo":
                print(importer.undo(database, args.import_id))
                return 0
            report = importer.import_file(
                database, args.file.read_bytes(), args.file.name, sheet=args.sheet, quarantine=args.quarantine
            )
        except (importer.ImportRefused, privacy.MissingKey) as refused:
            print(refused)
            return 2
        print("\n".join(report.lines()))
        return 0 if report.done else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
