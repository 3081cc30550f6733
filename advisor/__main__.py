"""Command line: python -m advisor <command>."""

import argparse
import sys
from pathlib import Path

from advisor import access, audit, db, demo, export, importer, meeting, periods, privacy, queries
from advisor import report as annual
from advisor import material as material_module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m advisor", description="Borgerrådgiverens dashboard: data og værktøjer.")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("demo", help="byg demodatabasen (syntetiske data, kalibreret til de offentliggjorte tal)")
    p.add_argument("--db", type=Path, default=db.DEMO_DB)
    p.add_argument("--rows", type=int, help="præcis så mange registreringer, som fra mange kommuner og flere år (til ydelsestest)")

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

    commands.add_parser("serve", help="start dashboardet (streamlit run app.py, med Streamlits tilvalg), klar før første bruger")

    p = commands.add_parser("pack", help="materiale til dialogmødet")
    p.add_argument("--department", default="Borger & Arbejdsmarked")
    p.add_argument("--half", required=True, help="fx 2018H2")
    p.add_argument("--format", choices=["pdf", "pptx", "xlsx"], required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--db", type=Path, default=None)
    p.add_argument("--as-registered", action="store_true", help="forvaltninger som registreret (standard: som i dag)")
    p.add_argument("--all-types", action="store_true",
                   help="alle henvendelser, også uden for kompetence (standard: kun egentlige henvendelser)")

    p = commands.add_parser("report", help="statistikken til borgerrådgiverens beretning (udkast)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--format", choices=["docx", "pdf", "md"], required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--db", type=Path, default=None)

    p = commands.add_parser("agreements", help="dialogmødernes aftaler (til beretningen og scripts)")
    p.add_argument("--db", type=Path, default=None)
    p.add_argument("--format", choices=["csv"], default="csv")
    p.add_argument("--department", help="kun denne forvaltning")

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the rest are Streamlit's own options
        from advisor import serve
        return serve.main(argv[1:])
    args = parser.parse_args(argv)
    if args.command == "demo":
        print(f"Demodatabase bygget: {demo.build(args.db, rows=args.rows)}")
    elif args.command == "init":
        if args.db.exists():
            print(f"Findes allerede: {args.db}", file=sys.stderr)
            return 1
        print(f"Tom database oprettet: {db.build(args.db, is_demo=False)}")
    elif args.command == "key":
        if privacy.ensure_local_key():
            print(f"Nøgle til pseudonymer oprettet i {privacy.SECRETS} (kun læsbar for ejeren).")
    elif args.command == "pack":
        database = args.db or db.default_path()
        k = access.without_login(access.config()).k
        with queries.connect(database) as con:
            org_view = "registered" if args.as_registered else "today"
            if problem := pack_problem(con, args.department, args.half, org_view):
                print(problem, file=sys.stderr)
                return 2
            status = queries.run(con, "data_status").iloc[0]
            half = periods.parse(args.half).up_to(status["last_received_on"].date())
            material = meeting.collect(lambda name, **p: queries.run(con, name, p), args.department, half, org_view,
                                       None, proper_only=not args.all_types)
            as_of, demo_data = material_module.data_as_of(queries.run(con, "data_status"))
        if args.format == "xlsx":
            args.out.write_bytes(export.meeting_xlsx(material, k, as_of=as_of, demo=demo_data))
        else:
            make = material_module.pdf if args.format == "pdf" else material_module.pptx
            args.out.write_bytes(make(material, k, as_of=as_of, demo=demo_data))
        audit.record(database, "kommandolinjen", "eksport",
                     {"tabel": "dialogmøde", "forvaltning": args.department, "halvår": args.half, "format": args.format})
        print(f"Materiale til dialogmødet skrevet: {args.out}")
    elif args.command == "report":
        database = args.db or db.default_path()
        k = access.without_login(access.config()).k
        with queries.connect(database) as con:
            status = queries.run(con, "data_status").iloc[0]
            first, last = status["first_received_on"], status["last_received_on"]
            if status["registrations"] == 0 or not first.year <= args.year <= last.year:
                span = f"{first.year}–{last.year}" if status["registrations"] else "ingen år"
                print(f"Der er ingen registreringer i {args.year}; data findes for {span}.", file=sys.stderr)
                return 2
            as_of, demo_data = material_module.data_as_of(queries.run(con, "data_status"))
            made = annual.collect(lambda name, **p: queries.run(con, name, p), args.year, k, as_of=as_of, demo=demo_data)
        writers = {"docx": annual.docx, "pdf": annual.pdf, "md": lambda r: annual.markdown(r).encode()}
        args.out.write_bytes(writers[args.format](made))
        audit.record(database, "kommandolinjen", "eksport", {"tabel": "beretning", "år": args.year, "format": args.format})
        print(f"Udkast til beretningens statistik skrevet: {args.out}")
    elif args.command == "agreements":
        with queries.connect(args.db or db.default_path()) as con:
            listed = queries.run(con, "agreements", {"department": args.department, "departments": None})
        table = listed.drop(columns=["meeting_id"]).assign(figure=[meeting.FIGURES[f][0] for f in listed["figure"]])
        sys.stdout.buffer.write(export.csv_bytes(table.rename(columns=AGREEMENT_COLUMNS)))
    elif args.command in ("import", "undo"):
        database = args.db or db.default_path()
        try:
            if args.command == "undo":
                print(importer.undo(database, args.import_id))
                return 0
            if not args.file.is_file():
                raise importer.ImportRefused(f"Filen findes ikke: {privacy.mask_cpr(args.file)}")
            report = importer.import_file(
                database, args.file.read_bytes(), args.file.name, sheet=args.sheet, quarantine=args.quarantine
            )
        except (importer.ImportRefused, privacy.MissingKey) as refused:
            print(refused)
            return 2
        print("\n".join(report.lines()))
        return 0 if report.done else 1
    return 0


AGREEMENT_COLUMNS = {"agreement_id": "Nr.", "held_on": "Mødedato", "department": "Forvaltning", "half": "Halvår",
                     "units_present": "Til stede", "what": "Aftale", "unit": "Afdeling", "figure": "Tal",
                     "follow_up_on": "Opfølgning", "status": "Status"}


def pack_problem(con, department: str, half: str, org_view: str) -> str | None:
    """A Danish message when the meeting asked for does not exist, naming the choices."""
    status = queries.run(con, "data_status").iloc[0]
    if status["registrations"] == 0:
        return "Databasen har ingen registreringer endnu."
    first, last = status["first_received_on"].date(), status["last_received_on"].date()
    halves = periods.options("half", first, last)
    options = queries.run(con, "filter_options", {"org_view": org_view, "departments": None})
    departments = sorted(set(options.loc[options["field"] == "department", "value"]))
    if department not in departments:
        return f"Ukendt forvaltning: {department!r}. Vælg en af: {', '.join(departments)}."
    try:
        key = periods.parse(half).key
    except ValueError:
        key = None
    if key is None or not key.count("H") or key not in halves:
        return (f"Ukendt halvår: {half!r}. Skriv det som fx 2018H2 (år og H1 eller H2); data findes for "
                f"{halves[-1]}–{halves[0]}.")
    return None


if __name__ == "__main__":
    sys.exit(main())
