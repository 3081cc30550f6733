"""Command line: python -m advisor <command>."""

import argparse
import sys
from pathlib import Path

from advisor import db, demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m advisor", description="Borgerrådgiverens dashboard: data og værktøjer.")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("demo", help="byg demodatabasen (syntetiske data, kalibreret til de offentliggjorte tal)")
    p.add_argument("--db", type=Path, default=db.DEMO_DB)

    p = commands.add_parser("init", help="opret en tom database til rigtige data")
    p.add_argument("--db", type=Path, required=True)

    args = parser.parse_args(argv)
    if args.command == "demo":
        path = demo.build(args.db)
        print(f"Demodatabase bygget: {path}")
    elif args.command == "init":
        if args.db.exists():
            print(f"Findes allerede: {args.db}", file=sys.stderr)
            return 1
        path = db.build(args.db, is_demo=False)
        print(f"Tom database oprettet: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
